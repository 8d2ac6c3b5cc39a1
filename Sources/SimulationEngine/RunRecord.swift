/// One year's population accounts: `after − before = births − deaths + fromRestOfChina − toRestOfChina`.
struct PopulationLedger: Sendable {
    var before: Double, after: Double, births: Double, deaths: Double, fromRestOfChina: Double, toRestOfChina: Double
    /// Sum over jurisdictions of arrivals minus departures (moves inside the circle cancel).
    var netMigration: Double
}

/// One year's growth accounting per jurisdiction (the labour closure makes the residual equal gA).
struct GrowthAccountingRecord: Sendable {
    var year: Int
    var capitalShare: Double
    var outputGrowth: [Double], capitalGrowth: [Double], labourGrowth: [Double], tfpGrowth: [Double]
}

/// Per-year values recorded by a run, by jurisdiction (and circle-only indicators).
struct RunRecord: Sendable {
    var years: [Int] = []
    /// Gross output by industry per year (`r·S + i`).
    var outputs: [[Double]] = []
    /// Value added by industry per year (empty where the year used the 2019 coefficients: 2019).
    var valueAdded: [[Double]] = []
    /// indicator → year index → per-region values.
    var regional: [String: [[Double]]] = [:]
    /// indicator → year index → circle value (for circle-only indicators).
    var circle: [String: [Double?]] = [:]
    var kappa: [Int: Double] = [:]
    /// Labour demand and labour force per jurisdiction by year (the lever-free pass's are the employment
    /// closure's reference).
    var labourMarket: [Int: LabourMarketRecord] = [:]
    var diagnostics = RunDiagnostics()
    /// Per year: the population ledger of the migration step (for tests and diagnostics).
    var ledger: [PopulationLedger] = []
    /// Per year: the growth accounting of every jurisdiction.
    var accounting: [GrowthAccountingRecord] = []
    /// Per year: GDP by production, income and expenditure per jurisdiction (only when `Simulator.recordsAccounts`).
    var accounts: [RegionalAccounts] = []
    /// The regional observations the calibration read (`region:indicator:year`), for the vintage rule's tests.
    var observationsRead: [String] = []
    /// The official technical-progress statistic's calibration of the run (MODEL-v3 §4.8).
    var technicalProgress: TechnicalProgressCalibration?
    /// The calibrated 2019 (its value-added and labour coefficients give the results by sector).
    var baseYear: BaseYear?

    mutating func record(_ id: String, _ values: [Double]) { regional[id, default: []].append(values) }
    mutating func recordCircle(_ id: String, _ value: Double?) { circle[id, default: []].append(value) }
}
