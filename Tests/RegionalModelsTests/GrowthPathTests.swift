import Foundation
import Testing
@testable import RegionalModels

@Suite("Growth path and growth accounting")
struct GrowthPathTests {
    @Test func nationalPathFollowsThePublishedProjections() {
        let g = GrowthPath()
        #expect(g.nationalGrowth(2020) == 0.058)
        #expect(g.nationalGrowth(2023) == 0.059)
        #expect(g.nationalGrowth(2028) == 0.050)
        #expect(abs(g.nationalGrowth(2035) - 0.040) < 1e-15)  // 5.0 % − 5 × 0.2 pp
        // 16 years at these rates: 1.058 · 1.059^5 · 1.05^5 · Π_{k=1..5}(1.05 − 0.002k)
        var expected = 1.058 * pow(1.059, 5) * pow(1.05, 5)
        for k in 1...5 { expected *= 1.05 - 0.002 * Double(k) }
        #expect(abs(g.index(2035, circle: false) - expected) < 1e-12)
        #expect(g.index(2035, circle: false) < 2.3)  // far from a flat 8 % (3.4×)
    }

    @Test func circleExcessDecays() {
        var g = GrowthPath()
        g.circleExcess2019 = 0.02
        #expect(abs(g.circleGrowth(2020) - (0.058 + 0.02 * exp(-1.0 / 8))) < 1e-15)
        #expect(g.circleGrowth(2035) - g.nationalGrowth(2035) < 0.02 * exp(-2) + 1e-15)
        #expect(g.circleGrowth(2030) > g.nationalGrowth(2030))
    }

    @Test func closureMakesTheResidualEqualTFPGrowth() {
        for (gY, gK, gA, alpha) in [(0.06, 0.08, 0.015, 0.425), (0.03, 0.09, 0.02, 0.35), (-0.01, 0.02, 0.01, 0.5)] {
            let gL = GrowthAccounting.requiredLabourGrowth(outputGrowth: gY, capitalGrowth: gK, tfpGrowth: gA, capitalShare: alpha)
            let r = GrowthAccounting.residual(outputGrowth: gY, capitalGrowth: gK, labourGrowth: gL, capitalShare: alpha)
            #expect(abs(r - gA) < 1e-16)
        }
        #expect(abs(GrowthAccounting.nextCapital(300, investment: 40, depreciation: 0.096) - 311.2) < 1e-12)
        #expect(abs(GrowthAccounting.technicalProgressContribution(tfpGrowth: [0.03, 0.04], outputGrowth: [0.05, 0.06]) - 0.63636363636363636) < 1e-15)
    }
}
