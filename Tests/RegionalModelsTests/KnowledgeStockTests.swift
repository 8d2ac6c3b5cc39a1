import Foundation
import Testing
@testable import RegionalModels

/// The R&D knowledge stock, its spillovers and the TFP term (MODEL-v3 §4.3).
@Suite("R&D knowledge stock and spillovers")
struct KnowledgeStockTests {
    /// The perpetual inventory against a hand computation: RD(2019) = 2 % of 100 = 2, g_R = 0.05, δ_R = 0.15
    /// give R(2019) = 2/0.2 = 10; spending 2.5, 3 then gives R = 0.85·10 + 2.5 = 11 and 0.85·11 + 3 = 12.35.
    @Test func perpetualInventoryByHand() {
        let r0 = KnowledgeStock.initial(spending: 2, growth: 0.05, depreciation: 0.15)
        #expect(abs(r0 - 10) < 1e-14)
        let r1 = KnowledgeStock.next(r0, spending: 2.5, depreciation: 0.15)
        let r2 = KnowledgeStock.next(r1, spending: 3, depreciation: 0.15)
        #expect(abs(r1 - 11) < 1e-14 && abs(r2 - 12.35) < 1e-13)
        // Constant spending drives the stock to RD/δ_R: 10 + (2/0.15 − 10)·(1 − 0.85^n).
        var r = r0
        for _ in 0..<200 { r = KnowledgeStock.next(r, spending: 2, depreciation: 0.15) }
        #expect(abs(r - 2 / 0.15) < 1e-12)
        var r3 = r0
        for _ in 0..<3 { r3 = KnowledgeStock.next(r3, spending: 2, depreciation: 0.15) }
        #expect(abs(r3 - (2 / 0.15 + (10 - 2 / 0.15) * pow(0.85, 3))) < 1e-13)
    }

    /// The pool weighs other places' stocks by exp(−T/τ_K): a place 1 h away counts e^{−0.5}, 3 h away e^{−1.5}
    /// (τ_K = 2 h); the own stock never counts; a faster link raises the pool.
    @Test func spilloverDecaysWithTravelTime() {
        let hours: [[Double]] = [[0.2, 1, 3], [1, 0.2, 2], [3, 2, 0.2]]
        let stocks = [5.0, 10, 10]
        let s = KnowledgeStock.spilloverPool(stocks: stocks, decayHours: 2) { hours[$0][$1] }
        #expect(abs(s[0] - (exp(-0.5) * 10 + exp(-1.5) * 10)) < 1e-13)
        #expect(abs(s[1] - (exp(-0.5) * 5 + exp(-1) * 10)) < 1e-13)
        // Place 0 draws more from place 1 (1 h) than from place 2 (3 h) although their stocks are equal.
        let near = KnowledgeStock.spilloverPool(stocks: [0, 10, 0], decayHours: 2) { hours[$0][$1] }[0]
        let far = KnowledgeStock.spilloverPool(stocks: [0, 0, 10], decayHours: 2) { hours[$0][$1] }[0]
        #expect(near > far && abs(near / far - exp(1)) < 1e-12)
        var faster = hours
        faster[0][2] = 1; faster[2][0] = 1
        let s2 = KnowledgeStock.spilloverPool(stocks: stocks, decayHours: 2) { faster[$0][$1] }
        #expect(s2[0] > s[0] && s2[2] > s[2] && s2[1] == s[1])
    }

    /// R&D growing as in the reference adds nothing; 10 % faster own growth adds θ_R·ln(1.1)-sized terms.
    @Test func tfpTermIsZeroAtTheReference() {
        #expect(KnowledgeStock.tfpGrowthTerm(ownGrowth: 0.07, referenceGrowth: 0.07, spilloverGrowth: 0.05, referenceSpilloverGrowth: 0.05,
                                             rdElasticity: 0.08, spilloverElasticity: 0.03) == 0)
        let t = KnowledgeStock.tfpGrowthTerm(ownGrowth: 0.17, referenceGrowth: 0.07, spilloverGrowth: 0.06, referenceSpilloverGrowth: 0.05,
                                             rdElasticity: 0.08, spilloverElasticity: 0.03)
        #expect(abs(t - (0.08 * 0.1 + 0.03 * 0.01)) < 1e-15)
    }
}
