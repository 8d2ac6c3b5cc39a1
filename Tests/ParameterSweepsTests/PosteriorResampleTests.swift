import Testing
@testable import ParameterSweeps

/// `EnsembleDesign.resample`: a pure function of (particles, members, seed), in range, and a prefix of a larger
/// ensemble (member m's particle does not depend on N).
@Suite("Posterior resampling")
struct PosteriorResampleTests {
    @Test func resamplingIsSeededAndStable() throws {
        let a = try EnsembleDesign.resample(particles: 100, members: 50, seed: 7)
        #expect(a == (try EnsembleDesign.resample(particles: 100, members: 50, seed: 7)))
        #expect(a != (try EnsembleDesign.resample(particles: 100, members: 50, seed: 8)))
        #expect(a.allSatisfy { (0..<100).contains($0) } && Set(a).count > 30)
        #expect(Array(try EnsembleDesign.resample(particles: 100, members: 80, seed: 7).prefix(50)) == a)
        #expect(throws: SweepError.self) { try EnsembleDesign.resample(particles: 0, members: 5, seed: 1) }
    }
}
