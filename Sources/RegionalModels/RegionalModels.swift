// RegionalModels: see README.md.
enum _RegionalModelsModule {}
