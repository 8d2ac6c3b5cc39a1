import Foundation
import Testing
@testable import ScenarioSpec

@Suite("Parameter priors (priors.csv)")
struct PriorTests {
    /// The bundled table: the §8 parameters that exist today are `model` priors inside their allowed
    /// ranges; the others are `absent` and not catalog parameters.
    @Test func bundledPriorsAreValid() throws {
        let c = try PriorCatalog.standard()
        #expect(Set(c.sampled.map(\.id)) == Set<String>([
            "flq.delta", "exports.priceElasticity", "growth.capitalShare", "growth.depreciation",
            "growth.initialCapitalOutput", "consumption.incomeElasticity",
            "tfp.rdElasticity", "tfp.spillover", "tfp.spilloverDistance", "rd.depreciation",
            "migration.wageElasticity", "migration.distanceElasticity", "migration.hukouBarrier",
            "trade.armington.goods", "trade.armington.services", "wage.unemploymentElasticity", "wage.adjustment",
            "prices.utilisationElasticity",
        ]).union(Self.catalogRangePriors))
        for p in c.priors {
            if p.status == .model {
                let allowed = try #require(ParameterCatalog.standard[p.id]?.allowedRange)
                let s = try #require(p.support)
                #expect(allowed.contains(s.lowerBound) && allowed.contains(s.upperBound), "\(p.id)")
            } else {
                #expect(ParameterCatalog.standard[p.id] == nil, "\(p.id)")
            }
            #expect(!p.source.isEmpty)
        }
        #expect(c.priors.count == 67)
        // MODEL-v3 §8: a v2 parameter not in the table keeps its catalog sweep range as a uniform prior.
        for id in Self.catalogRangePriors {
            let p = try #require(c[id]), range = try #require(ParameterCatalog.standard[id]?.sweepRange)
            #expect(p.support == range, "\(id)")
            if case .uniform = p.distribution {} else { Issue.record("\(id) is not uniform") }
        }
    }

    /// The catalog parameters with a sweep range that §8's table does not list.
    static let catalogRangePriors: Set<String> = [
        "trade.eta.goods", "trade.eta.services", "trade.eta.nontradable", "trade.t0", "trade.importScale", "trade.supplyCapEpsilon",
        "trade.massSmoothing", "migration.utilitySmoothing", "migration.employmentElasticityRatio", "migration.grossOutRate",
        "urbanisation.uMax", "urbanisation.uMaxCore", "growth.national.rate2020", "growth.national.rate2021to2025",
        "growth.national.rate2026to2030", "growth.national.declineAfter2030", "growth.circleExcessDecay", "growth.inputSaving",
        "consumption.urbanRuralRatio", "transport.railOperatingFactor", "transport.stopMinutes", "transport.roadDetour",
        "transport.roadSpeed", "transport.accessEgressHours", "transport.localSpeed", "transport.defaultConventionalSpeed",
        "transport.freightTrainSpeed", "transport.railDetourForMissingLength", "transport.borderLegHours", "air.pm25DailySigma",
        "air.backgroundShare", "air.ownCityWeight", "emissions.cleanEnergyShare2019", "migration.nationalPaceElasticity",
        "migration.trendWeight", "migration.trendDecay",
        "urbanisation.nationalPaceElasticity",
    ]

    /// Inverse CDFs against closed forms and published quantiles.
    @Test func quantiles() throws {
        #expect(abs(NormalDistribution.quantile(0.975) - 1.959963984540054) < 1e-14)
        #expect(abs(NormalDistribution.quantile(0.05) + 1.6448536269514722) < 1e-14)
        for p in stride(from: 0.001, to: 1, by: 0.0137) { #expect(abs(NormalDistribution.cdf(NormalDistribution.quantile(p)) - p) < 1e-14) }
        let c = try PriorCatalog.standard()
        let flq = try #require(c["flq.delta"]), alpha = try #require(c["growth.capitalShare"])
        #expect(abs(try #require(flq.quantile(0.25)) - 0.2) < 1e-15)
        #expect(abs(try #require(alpha.quantile(0.5)) - 0.425) < 1e-12)  // bounds symmetric about the mean
        // Truncated to [0.35, 0.5]: the bounds' probabilities rescaled, Φ((x − 0.425)/0.04) at u = 0.1.
        let lo = NormalDistribution.cdf(-0.075 / 0.04), hi = NormalDistribution.cdf(0.075 / 0.04)
        #expect(abs(try #require(alpha.quantile(0.1)) - (0.425 + 0.04 * NormalDistribution.quantile(lo + 0.1 * (hi - lo)))) < 1e-14)
        #expect(try #require(alpha.quantile(0)) >= 0.35 && alpha.quantile(1)! <= 0.5)
        // LogN(median 2, 90 %: 1–4) truncated to the allowed [0, 10]: untruncated the 5 % and 95 % quantiles would
        // be 1 and 4; the cut above 10 (probability 7e-5) rescales u by Φ(ln 5/sd), sd = ln 2/z_0.95.
        let arm = try #require(c["trade.armington.goods"])
        let sd = log(2) / NormalDistribution.quantile(0.95), top = NormalDistribution.cdf(log(5) / sd)
        for (u, untruncated) in [(0.05, 1.0), (0.95, 4.0)] {
            let q = try #require(arm.quantile(u))
            #expect(abs(q - 2 * exp(sd * NormalDistribution.quantile(u * top))) < 1e-9, "\(u): \(q)")
            #expect(abs(q - untruncated) < 1e-3 * untruncated && q < untruncated)
        }
        #expect(c["demography.variant"]?.quantile(0.5) == nil)
    }

    /// Every bad row is reported at once with the file, line and field.
    @Test func invalidRowsNameFileLineAndField() {
        let text = """
            id,status,distribution,arguments,lower,upper,source
            flq.delta,model,uniform,-0.1;0.5,,,too wide
            migration.wageElasticity,model,lognormal,median=1.5;p05=1;p95=3,,,unbounded
            no.such,model,uniform,0;1,,,x
            trade.t0,absent,uniform,0.1;0.3,,,exists
            growth.depreciation,model,beta,1;2,,,x
            growth.capitalShare,model,normal,0.425;0.04,0.35,,one bound
            migration.distanceElasticity,model,uniform,0.5;1.5,,,
            migration.hukouBarrier,model,uniform,0.05;0.3,,,ok
            migration.hukouBarrier,model,uniform,0.05;0.3,,,dup
            """
        do {
            _ = try PriorCatalog.load(text: text, file: "p.csv", parameters: .standard)
            Issue.record("expected errors")
        } catch {
            guard case .invalid(let d) = error else { Issue.record("\(error)"); return }
            let lines = d.map { "\($0.line):\($0.field)" }
            #expect(lines == ["2:lower", "3:lower", "4:id", "5:status", "6:distribution", "7:upper", "8:source", "10:id"], "\(d)")
            #expect(d.allSatisfy { $0.file == "p.csv" })
        }
        #expect(throws: ScenarioError.self) { try PriorCatalog.load(text: "id,kind\n", file: "p.csv", parameters: .standard) }
    }
}
