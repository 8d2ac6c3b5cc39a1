import Testing

extension Tag {
    /// A suite or test that takes seconds (full runs, the full-size table, processes, fuzzing): `make test`
    /// runs it, `make test-fast` skips it (README, "Tests").
    @Tag public static var slow: Self
}
