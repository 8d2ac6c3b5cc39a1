/// The Sobol low-discrepancy sequence in up to 64 dimensions (Gray-code construction of Antonov & Saleev,
/// direction numbers of Joe & Kuo 2008), unscrambled, starting at the origin as SciPy's
/// `qmc.Sobol(scramble=False)` does. Deterministic: no seed.
public struct SobolSequence: Sendable {
    public static let maxDimensions = 64
    /// Bits of precision (points are multiples of 2⁻³²).
    static let bits = 32

    public let dimensions: Int
    private var directions: [[UInt32]]  // [dimension][bit]
    private var state: [UInt32]
    private var index: UInt64 = 0

    /// - Throws: `SweepError.design` for 0 or more than 64 dimensions.
    public init(dimensions: Int) throws {
        guard (1...Self.maxDimensions).contains(dimensions) else {
            throw SweepError.design("a Sobol design supports 1 to \(Self.maxDimensions) dimensions, got \(dimensions)")
        }
        self.dimensions = dimensions
        self.state = Array(repeating: 0, count: dimensions)
        self.directions = (0..<dimensions).map { Self.directionNumbers(dimension: $0) }
    }

    /// `V_k = m_k·2^(32−k)`, with `m_k = 2^s·m_{k−s} ⊕ m_{k−s} ⊕ Σ_{i=1}^{s−1} 2^i·a_i·m_{k−i}` beyond the initial values.
    static func directionNumbers(dimension j: Int) -> [UInt32] {
        let poly = sobolPolynomials[j]
        var v = [UInt32](repeating: 0, count: bits)
        if poly == 1 {  // van der Corput
            for k in 0..<bits { v[k] = 1 << UInt32(bits - 1 - k) }
            return v
        }
        let s = (UInt32.bitWidth - poly.leadingZeroBitCount) - 1  // degree
        let a = (poly >> 1) & ((1 << UInt32(s - 1)) - 1)
        var m = [UInt32](repeating: 0, count: bits)
        let initial = sobolInitialDirections[j]
        for k in 0..<min(s, bits) { m[k] = initial[k] }
        if s < bits {
            for k in s..<bits {
                var mk = m[k - s] ^ (m[k - s] << UInt32(s))
                for i in 1..<s where (a >> UInt32(s - 1 - i)) & 1 == 1 {
                    mk ^= m[k - i] << UInt32(i)
                }
                m[k] = mk
            }
        }
        for k in 0..<bits { v[k] = m[k] << UInt32(bits - 1 - k) }
        return v
    }

    /// The next point in [0, 1)^d.
    public mutating func next() -> [Double] {
        let point = state.map { Double($0) * 0x1.0p-32 }
        // Gray code: flip the direction number of the lowest zero bit of the index.
        let c = (~index).trailingZeroBitCount
        if c < Self.bits {
            for j in 0..<dimensions { state[j] ^= directions[j][c] }
        }
        index += 1
        return point
    }

    /// The first `count` points (row = point).
    public mutating func points(_ count: Int) -> [[Double]] { (0..<count).map { _ in next() } }
}
