// BaseData: see README.md.
enum _BaseDataModule {}
