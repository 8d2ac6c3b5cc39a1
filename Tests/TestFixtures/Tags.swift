import Foundation
import Testing

extension Tag {
    /// A suite or test that takes seconds (full runs, the full-size table, processes, fuzzing loops).
    @Tag public static var slow: Self
}

extension Trait where Self == ConditionTrait {
    /// Skips a `.slow` suite or test when `CHENGYU_TEST_FAST` is set (`make test-fast`); `make test` runs it.
    /// (swift-testing's `--skip` matches test names, not tags, in this toolchain, so the fast run is an
    /// environment switch; the `.slow` tag names the same tests for tools that filter by tag.)
    public static var skippedInFastRuns: Self {
        .disabled(if: ProcessInfo.processInfo.environment["CHENGYU_TEST_FAST"] != nil, "slow: skipped by make test-fast")
    }
}
