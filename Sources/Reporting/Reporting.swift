// Reporting: see README.md.
enum _ReportingModule {}
