import Foundation
import Testing
@testable import RegionalModels

@Suite("Air quality reduced form")
struct AirQualityTests {
    @Test func lognormalComplianceAgainstReferenceValues() {
        // Φ(0) = 0.5, Φ(1.959963984540054) = 0.975 (standard tables).
        #expect(abs(AirQuality.normalCDF(0) - 0.5) < 1e-16)
        #expect(abs(AirQuality.normalCDF(1.959963984540054) - 0.975) < 1e-12)
        // Mean 75·exp(σ²/2) puts the median at 75: half of the days comply.
        let s = 0.5
        #expect(abs(AirQuality.compliantDayShare(annualMean: 75 * exp(s * s / 2), logStandardDeviation: s) - 0.5) < 1e-12)
        // Cleaner air, more good days.
        #expect(AirQuality.compliantDayShare(annualMean: 30, logStandardDeviation: s) > AirQuality.compliantDayShare(annualMean: 40, logStandardDeviation: s))
    }

    @Test func emissionsAndFit() throws {
        #expect(AirQuality.annualMean(base: 40, backgroundShare: 0.3, emissionIndex: 1) == 40)
        #expect(abs(AirQuality.annualMean(base: 40, backgroundShare: 0.3, emissionIndex: 0.5) - 26) < 1e-12)
        let sigma = try #require(AirQuality.fittedLogStandardDeviation(annualMean: 40, compliantShare: 0.9))
        #expect(abs(AirQuality.compliantDayShare(annualMean: 40, logStandardDeviation: sigma) - 0.9) < 1e-12)
        #expect(abs(AirQuality.goodDayShare(pmCompliant: 0.9, ozoneExceedanceShare: 0.05) - 0.855) < 1e-15)
    }
}
