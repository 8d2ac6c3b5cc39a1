import Foundation
import ScenarioSpec

enum ScenarioSpecHash {
    static func hex(_ data: Data) -> String { SHA256.hex(SHA256.digest(Array(data))) }
}
