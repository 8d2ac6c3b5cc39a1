// SimulationEngine: see README.md.
enum _SimulationEngineModule {}
