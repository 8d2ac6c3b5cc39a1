import BaseData

/// The published values that judge a goal in reality (issue 15): for each goal, the history data's value of
/// its indicator and place in the goal's year, or the latest earlier year (at most four years before; shown
/// with its year), converted to the goal's unit.
enum GoalObservations {
    /// Goal indicator → history indicator and the factor to the goal's unit (shares: percent → fraction).
    static let indicators: [String: (observed: String, factor: Double)] = [
        "urbanisation_rate": ("urbanisation", 0.01), "rd_intensity": ("rd_intensity", 0.01),
        "cq_cd_rail_minutes": ("cq_cd_fastest_minutes", 1), "air_good_days_share": ("good_air_days_share", 0.01),
        "gdp_current_prices": ("gdp_current", 1), "population": ("population", 1e4), "rail_km": ("railway_km", 1),
    ]

    /// Regions whose observation stands for a goal's place: the place itself; the Chongqing–Chengdu time is
    /// one figure for the pair, published by either province.
    static func regions(indicator: String, place: String) -> [String] {
        indicator == "cq_cd_rail_minutes" && place == "circle" ? ["circle", "chongqing", "sichuan"] : [place]
    }

    /// `goal` with its observed value filled where the data publish one.
    static func observe(_ goal: GoalResult, history: HistoryData) -> GoalResult {
        guard let (id, factor) = indicators[goal.indicatorID] else { return goal }
        for year in stride(from: goal.year, through: goal.year - 4, by: -1) {
            for region in regions(indicator: goal.indicatorID, place: goal.place) {
                if let o = history.observation(region, id, year: year) {
                    var g = goal
                    g.observed = o.value * factor
                    g.observedYear = year
                    return g
                }
            }
        }
        return goal
    }
}
