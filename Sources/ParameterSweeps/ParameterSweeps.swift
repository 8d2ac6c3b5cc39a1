// ParameterSweeps: see README.md.
enum _ParameterSweepsModule {}
