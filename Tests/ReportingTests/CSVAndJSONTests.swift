import Foundation
import SimulationEngine
import Testing
@testable import Reporting

@Suite("CSV and JSON files")
struct CSVAndJSONTests {
    @Test("RFC 4180 quoting: commas, quotes and line breaks are quoted, quotes doubled")
    func quoting() {
        #expect(CSV.field("plain") == "plain")
        #expect(CSV.field("a,b") == "\"a,b\"")
        #expect(CSV.field("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(CSV.field("two\nlines") == "\"two\nlines\"")
        #expect(CSV.field(" padded") == "\" padded\"")
        #expect(CSV.record(["a", "", "b,c"]) == "a,,\"b,c\"\n")
    }

    @Test("round-trip numbers: shortest text that reads back to the same double")
    func roundTripNumbers() {
        for v in [0.1 + 0.2, 1.0 / 3.0, 1e-300, 123456789.123456789, Double.leastNonzeroMagnitude, 98_000_000.0, 0.66, -2.5e17] {
            let text = NumberFormatting.roundTrip(v)
            #expect(Double(text)?.bitPattern == v.bitPattern, "\(text)")
            #expect(!text.contains(","))
        }
        #expect(NumberFormatting.roundTrip(0.62) == "0.62")
        #expect(NumberFormatting.roundTrip(50) == "50.0")
        #expect(NumberFormatting.roundTrip(nil) == "")
        #expect(NumberFormatting.roundTrip(.nan) == "")
    }

    @Test("trajectory.csv golden: tidy long form, sorted, nil as an empty cell")
    func trajectoryGolden() {
        let expected = """
            scenario,year,place,name_zh,name_en,place_kind,indicator,value,unit
            tiny,2019,circle,成渝地区双城经济圈,Twin-City Economic Circle,circle,gdp,100.5,100m yuan
            tiny,2020,circle,成渝地区双城经济圈,Twin-City Economic Circle,circle,gdp,110.25,100m yuan
            tiny,2019,circle,成渝地区双城经济圈,Twin-City Economic Circle,circle,urbanisation_rate,0.6,fraction
            tiny,2020,circle,成渝地区双城经济圈,Twin-City Economic Circle,circle,urbanisation_rate,0.62,fraction
            tiny,2019,core-chengdu,成都,Core Chengdu,group,gdp,50.0,100m yuan
            tiny,2020,core-chengdu,成都,Core Chengdu,group,gdp,55.125,100m yuan
            tiny,2019,sc-chengdu,成都,Chengdu,jurisdiction,gdp,50.0,100m yuan
            tiny,2020,sc-chengdu,成都,Chengdu,jurisdiction,gdp,55.125,100m yuan
            tiny,2019,sc-chengdu,成都,Chengdu,jurisdiction,urbanisation_rate,0.75,fraction
            tiny,2020,sc-chengdu,成都,Chengdu,jurisdiction,urbanisation_rate,,fraction

            """
        #expect(TrajectoryCSV.render([Synthetic.tiny()]) == expected)
    }

    @Test("trajectory.csv of several scenarios: one row per scenario, series and year, scenarios in name order")
    func trajectoryRows() {
        let a = Synthetic.full(name: "zeta"), b = Synthetic.full(name: "alpha", growth: 0.06)
        let text = TrajectoryCSV.render([a, b])
        let lines = text.split(separator: "\n")
        let seriesCount = a.series.values.reduce(0) { $0 + $1.count }
        #expect(lines.count == 1 + 2 * seriesCount * 17)
        #expect(lines[1].hasPrefix("alpha,2019,circle,成渝地区双城经济圈,Twin-City Economic Circle,circle,fiveg_coverage,0.8,fraction"))
        #expect(lines.last!.hasPrefix("zeta,2035,sc-deyang,德阳,Deyang,jurisdiction,urbanisation_rate,"))
        #expect(TrajectoryCSV.render([b, a]) == text)
    }

    @Test("goals.csv golden")
    func goalsGolden() {
        let expected = """
            scenario,goal,year,indicator,place,name_zh,name_en,comparison,target,band,unit,value,gap,met,kind,source,basis,status,observed,observed_year,observed_met
            tiny,urb-2020,2020,urbanisation_rate,circle,成渝地区双城经济圈,Twin-City Economic Circle,atLeast,0.5,,fraction,0.62,0.12,true,simulated,"Outline, ch. 2 ""goals\""",official,met,,,
            tiny,gdp-2020,2020,gdp,circle,成渝地区双城经济圈,Twin-City Economic Circle,about,110.0,1.0,100m yuan,110.25,1.25,true,simulated,S-PLAN,modelling-choice,met,,,
            tiny,fiveg-2025,2025,fiveg_coverage,circle,成渝地区双城经济圈,Twin-City Economic Circle,atLeast,0.9,,fraction,,,,not_modelled,S-PLAN,official,no value,,,

            """
        #expect(GoalReport([Synthetic.tiny()]).csv() == expected)
    }

    static let summaryGolden = """
        {
          "circle": {
            "gdp": [100.5, 110.25],
            "urbanisation_rate": [0.6, 0.62]
          },
          "diagnostics": {
            "calibrationResidual": 1e-12,
            "cappedCells": 0,
            "factorisations": 2,
            "iterations": 0,
            "largestColumnSum": 0.5,
            "matrixOrder": 84,
            "reciprocalCondition": 0.25,
            "spectralRadius": 0.45,
            "spectralRadiusLowerBound": 0.0,
            "timingsSeconds": {},
            "warnings": ["growth above 9 %"]
          },
          "estimatedInputs": ["sc-chengdu:rd"],
          "goals": [
            {
              "band": null,
              "basis": "official",
              "comparison": "atLeast",
              "gap": 0.12,
              "id": "urb-2020",
              "indicator": "urbanisation_rate",
              "kind": "simulated",
              "met": true,
              "observed": null,
              "observedMet": null,
              "observedYear": null,
              "place": "circle",
              "source": "Outline, ch. 2 \\"goals\\"",
              "target": 0.5,
              "unit": "fraction",
              "value": 0.62,
              "year": 2020
            },
            {
              "band": 1.0,
              "basis": "modelling-choice",
              "comparison": "about",
              "gap": 1.25,
              "id": "gdp-2020",
              "indicator": "gdp",
              "kind": "simulated",
              "met": true,
              "observed": null,
              "observedMet": null,
              "observedYear": null,
              "place": "circle",
              "source": "S-PLAN",
              "target": 110.0,
              "unit": "100m yuan",
              "value": 110.25,
              "year": 2020
            },
            {
              "band": null,
              "basis": "official",
              "comparison": "atLeast",
              "gap": null,
              "id": "fiveg-2025",
              "indicator": "fiveg_coverage",
              "kind": "not_modelled",
              "met": null,
              "observed": null,
              "observedMet": null,
              "observedYear": null,
              "place": "circle",
              "source": "S-PLAN",
              "target": 0.9,
              "unit": "fraction",
              "value": null,
              "year": 2025
            }
          ],
          "groups": {
            "core-chengdu": {
              "gdp": [50.0, 55.125]
            }
          },
          "indicators": {
            "gdp": {
              "aggregation": "sum",
              "description": "gross domestic product",
              "kind": "simulated",
              "unit": "100m yuan"
            },
            "urbanisation_rate": {
              "aggregation": "ratio_of_sums",
              "description": "urban residents / residents",
              "kind": "simulated",
              "unit": "fraction"
            }
          },
          "jurisdictions": {
            "sc-chengdu": {
              "gdp": [50.0, 55.125],
              "urbanisation_rate": [0.75, null]
            }
          },
          "places": [
            {
              "id": "circle",
              "kind": "circle",
              "nameEn": "Twin-City Economic Circle",
              "nameZh": "成渝地区双城经济圈"
            },
            {
              "id": "core-chengdu",
              "kind": "group",
              "nameEn": "Core Chengdu",
              "nameZh": "成都"
            },
            {
              "id": "sc-chengdu",
              "kind": "jurisdiction",
              "nameEn": "Chengdu",
              "nameZh": "成都"
            }
          ],
          "scenario": {
            "contentHash": "abc123",
            "file": "Scenarios/tiny.yaml",
            "name": "tiny",
            "title": "A tiny scenario",
            "vintage": 2019
          },
          "schemaVersion": "chengyu/trajectory/v1",
          "years": [2019, 2020]
        }

        """

    @Test("summary.json golden (timings left out for byte-identical reruns)")
    func summaryGoldenTest() {
        let text = String(decoding: SummaryDocument.encode(Synthetic.tiny(), includeTimings: false), as: UTF8.self)
        #expect(text == Self.summaryGolden)
    }

    @Test("summary.json includes timings when asked")
    func summaryTimings() throws {
        let data = SummaryDocument.encode(Synthetic.tiny(timings: ["lu": 0.5, "migration": 0.125]))
        let object = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        let timings = (object["diagnostics"] as! [String: Any])["timingsSeconds"] as! [String: Any]
        #expect(timings["lu"] as? Double == 0.5)
        #expect(timings["migration"] as? Double == 0.125)
    }

    @Test("summary.json round trip: decode(encode(t)) has the same values bit for bit and re-encodes to the same bytes")
    func summaryRoundTrip() throws {
        var t = Synthetic.full(name: "baseline")
        // Awkward doubles in one series.
        var series = t.series
        series["gdp"]!["sc-deyang"] = [0.1 + 0.2, 1.0 / 3.0, 1e-300, 123456789.123456789, Double.leastNonzeroMagnitude, nil]
            + Array(repeating: 2.5, count: 11)
        var diagnostics = RunDiagnostics()
        diagnostics.spectralRadius = 0.4567891234567
        diagnostics.timingsSeconds = ["io": 0.0123]
        diagnostics.warnings = ["zone \"x\" flips sign"]
        t = Trajectory(
            scenario: t.scenario, years: t.years, indicators: t.indicators, places: t.places, series: series,
            goals: t.goals, diagnostics: diagnostics, estimatedInputs: ["cq-yuzhong:gdp"])
        let data = SummaryDocument.encode(t)
        let back = try SummaryDocument.decode(data)
        #expect(back.scenario == t.scenario)
        #expect(back.years == t.years)
        #expect(back.places == t.places)
        #expect(back.goals == t.goals)
        #expect(back.diagnostics == t.diagnostics)
        #expect(back.estimatedInputs == t.estimatedInputs)
        #expect(Set(back.indicators) == Set(t.indicators))
        #expect(back.series.keys.sorted() == t.series.keys.sorted())
        for (indicator, byPlace) in t.series {
            #expect(back.series[indicator]!.keys.sorted() == byPlace.keys.sorted())
            for (place, values) in byPlace {
                let got = back.series[indicator]![place]!
                #expect(got.map { $0?.bitPattern } == values.map { $0?.bitPattern }, "\(indicator) at \(place)")
            }
        }
        #expect(SummaryDocument.encode(back) == data)
    }

    @Test("summary.json bytes do not depend on dictionary insertion order")
    func summaryDeterminism() {
        let t = Synthetic.full(name: "baseline")
        var reordered: [String: [String: [Double?]]] = [:]
        for indicator in t.series.keys.sorted().reversed() {
            var inner: [String: [Double?]] = [:]
            for place in t.series[indicator]!.keys.sorted().reversed() { inner[place] = t.series[indicator]![place]! }
            reordered[indicator] = inner
        }
        let u = Trajectory(
            scenario: t.scenario, years: t.years, indicators: t.indicators, places: t.places, series: reordered,
            goals: t.goals, diagnostics: t.diagnostics)
        #expect(SummaryDocument.encode(t) == SummaryDocument.encode(u))
        #expect(TrajectoryCSV.render([t]) == TrajectoryCSV.render([u]))
    }

    @Test("summary.json decoder refuses another schema and ragged series")
    func summaryDecoderErrors() throws {
        let good = String(decoding: SummaryDocument.encode(Synthetic.tiny()), as: UTF8.self)
        let wrongSchema = good.replacingOccurrences(of: "chengyu/trajectory/v1", with: "chengyu/trajectory/v0")
        #expect(throws: ReportingError.self) { try SummaryDocument.decode(Data(wrongSchema.utf8)) }
        let ragged = good.replacingOccurrences(of: "[0.75, null]", with: "[0.75]")
        do {
            _ = try SummaryDocument.decode(Data(ragged.utf8), path: "run/summary.json")
            Issue.record("expected an error")
        } catch let ReportingError.invalidDocument(path, reason) {
            #expect(path == "run/summary.json")
            #expect(reason.contains("sc-chengdu.urbanisation_rate has 1 values for 2 years"))
        }
        #expect(throws: ReportingError.self) { try SummaryDocument.decode(Data("{".utf8)) }
    }

    @Test("JSON strings escape quotes, backslashes and control characters; keys sort by UTF-8 bytes")
    func jsonEscaping() {
        let v = JSONValue.object(["b": .string("a\"b\\c\n\u{01}成"), "B": .int(1), "a": .array([]), "é": .object([:])])
        #expect(v.rendered() == "{\n  \"B\": 1,\n  \"a\": [],\n  \"b\": \"a\\\"b\\\\c\\n\\u0001成\",\n  \"é\": {}\n}\n")
        #expect(JSONValue.number(.infinity).rendered() == "null\n")
    }
}
