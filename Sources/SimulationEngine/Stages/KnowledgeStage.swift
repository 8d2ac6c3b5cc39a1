import Foundation
import MatrixCore
import RegionalModels

/// The R&D knowledge stock of every jurisdiction and its spillovers (MODEL-v3 §4.3; docs/MODEL.md §7).
///
/// R&D spending `RD[r](t) = rd[r](t)·Y[r](t)` (real, 2019 prices) builds `R[r]` by perpetual inventory,
/// `R(t) = (1 − δ_R)·R(t−1) + RD(t)`, from Griliches's `R(2019) = RD(2019)/(g_R + δ_R)` with g_R the circle's
/// 2016–19 real growth (R&D at a constant share of GDP before 2019: modelling choice). The reference stock
/// `R_ref` is built the same way from the lever-free (2019) intensity on the same GDP, so R&D at the baseline's
/// intensity adds nothing and a lever adds `θ_R·(Δln R − Δln R_ref)`. The spillover pool
/// `S[r] = Σ_{q≠r} exp(−T[r,q]/τ_K)·R[q]` uses the year's passenger times; `S_ref` the reference stocks on the
/// 2019 times, so both more R&D elsewhere and a faster link raise S against S_ref. R&D is not physical
/// investment: it never enters the capital stock K (IncomeStage).
struct KnowledgeState: Sendable {
    /// R and R_ref per jurisdiction (100m yuan, 2019 prices).
    var stock: [Double], reference: [Double]
    /// S (the year's times) and S_ref (reference stocks, 2019 times).
    var pool: [Double], referencePool: [Double]
    /// The R&D term of the next year's TFP growth, `θ_R·(Δln R − Δln R_ref) + θ_S·(Δln S − Δln S_ref)` of this
    /// year (the one-year lag of MODEL-v3 §4.3).
    var tfpTerm: [Double]
    /// Passenger times of 2019 between jurisdictions (hours), for S_ref, and their weights
    /// `exp(−T/τ_K)` at `referenceDecay` (computed once: the 2019 network never changes).
    let times2019: Matrix
    var referenceWeights: [Double]
    var referenceDecay: Double
}

enum KnowledgeStage {
    /// The 2019 stocks (R = R_ref), pools on the 2019 times, no TFP term.
    static func initial(context c: RunContext, passengerTimes2019 t: Matrix) -> KnowledgeState {
        let p = c.parameters2019
        let stock = zip(c.effectsBase.rdIntensity, c.gdp2019).map {
            KnowledgeStock.initial(spending: $0 * $1, growth: c.circleGrowth2016to2019, depreciation: p.rdDepreciation)
        }
        let weights = KnowledgeStock.spilloverWeights(places: stock.count, decayHours: p.spilloverDistance) { t[$0, $1] }
        let pool = KnowledgeStock.spilloverPool(stocks: stock, weights: weights)
        return KnowledgeState(
            stock: stock, reference: stock, pool: pool, referencePool: pool,
            tfpTerm: [Double](repeating: 0, count: stock.count), times2019: t, referenceWeights: weights,
            referenceDecay: p.spilloverDistance)
    }

    /// Year t's stocks and pools from its GDP and R&D intensity, and the TFP term year t + 1 reads.
    static func advance(
        _ k: inout KnowledgeState, context c: RunContext, gdp: [Double], rdIntensity rd: [Double], passengerTimes t: Matrix,
        parameters p: YearParameters
    ) {
        let r = gdp.count
        let stock = (0..<r).map { KnowledgeStock.next(k.stock[$0], spending: rd[$0] * gdp[$0], depreciation: p.rdDepreciation) }
        let reference = (0..<r).map {
            KnowledgeStock.next(k.reference[$0], spending: c.effectsBase.rdIntensity[$0] * gdp[$0], depreciation: p.rdDepreciation)
        }
        let pool = KnowledgeStock.spilloverPool(stocks: stock, decayHours: p.spilloverDistance) { t[$0, $1] }
        if p.spilloverDistance != k.referenceDecay {
            let times0 = k.times2019
            k.referenceWeights = KnowledgeStock.spilloverWeights(places: r, decayHours: p.spilloverDistance) { times0[$0, $1] }
            k.referenceDecay = p.spilloverDistance
        }
        let referencePool = KnowledgeStock.spilloverPool(stocks: reference, weights: k.referenceWeights)
        k.tfpTerm = (0..<r).map { reg in
            KnowledgeStock.tfpGrowthTerm(
                ownGrowth: log(stock[reg] / k.stock[reg]), referenceGrowth: log(reference[reg] / k.reference[reg]),
                spilloverGrowth: log(pool[reg] / k.pool[reg]), referenceSpilloverGrowth: log(referencePool[reg] / k.referencePool[reg]),
                rdElasticity: p.rdElasticity, spilloverElasticity: p.spillover)
        }
        k.stock = stock; k.reference = reference; k.pool = pool; k.referencePool = referencePool
    }
}
