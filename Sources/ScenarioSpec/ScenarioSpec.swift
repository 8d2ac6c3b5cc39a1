// ScenarioSpec: see README.md.
enum _ScenarioSpecModule {}
