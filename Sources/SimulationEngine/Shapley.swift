/// Exact Shapley values of a cooperative game with `k` players (Shapley 1953), vectorised over cells.
///
/// For players G, `|G| = k`, and a worth `v(S)` of every coalition S ⊆ G (indexed by bitmask: player g is
/// in S when bit g is set),
///
///     φ_g = Σ_{S ⊆ G∖{g}} |S|!·(k − |S| − 1)!/k! · (v(S ∪ {g}) − v(S)).
///
/// φ_g is the mean over the k! orderings of g's marginal contribution; in each ordering the contributions
/// telescope to `v(G) − v(∅)`, so `Σ_g φ_g = v(G) − v(∅)` (efficiency; Shorrocks 2013). The weights are the
/// exact integers `w(s) = s!·(k − s − 1)!` over the integer `k!` (MODEL-v3 §5); the weighted sum is formed with
/// Neumaier's compensated summation and divided by `k!` once.
public enum Shapley {
    /// The largest number of players: 2^8 = 256 coalitions.
    public static let maxPlayers = 8

    /// Weight numerators `w(s) = s!·(k − s − 1)!` for `s = 0…k−1` and the common denominator `k!`.
    public static func weights(players k: Int) -> (numerators: [Int], denominator: Int) {
        precondition((1...maxPlayers).contains(k), "Shapley: 1…\(maxPlayers) players")
        func factorial(_ n: Int) -> Int { n <= 1 ? 1 : (2...n).reduce(1, *) }
        return ((0..<k).map { factorial($0) * factorial(k - $0 - 1) }, factorial(k))
    }

    /// φ[g][c] for every player g and cell c, from `worth[mask][c]` (2^k rows of equal length).
    public static func values(players k: Int, worth: [[Double]]) -> [[Double]] {
        precondition(worth.count == 1 << k, "Shapley: 2^k coalitions")
        let cells = worth.first?.count ?? 0
        let (w, denominator) = weights(players: k)
        let scale = Double(denominator)
        return (0..<k).map { g in
            let bit = 1 << g
            var sum = [Double](repeating: 0, count: cells), compensation = sum
            for mask in 0..<(1 << k) where mask & bit == 0 {
                let weight = Double(w[mask.nonzeroBitCount])
                let with = worth[mask | bit], without = worth[mask]
                for c in 0..<cells {
                    let term = weight * (with[c] - without[c])
                    let t = sum[c] + term
                    compensation[c] += abs(sum[c]) >= abs(term) ? (sum[c] - t) + term : (term - t) + sum[c]
                    sum[c] = t
                }
            }
            return (0..<cells).map { (sum[$0] + compensation[$0]) / scale }
        }
    }
}
