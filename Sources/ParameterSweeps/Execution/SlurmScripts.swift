import Foundation
import Reporting

/// The Slurm job scripts of a sweep: an array job with one task per shard, a merge job chained with
/// `afterany` (it runs even when a shard failed, and then exits 2 listing what is missing, instead of
/// pending forever as `afterok` would), and `submit.sh`, which submits both. Generated, never hidden:
/// researchers and admins edit them (modules, QoS) before submitting.
public struct SlurmScripts: Sendable {
    public var runDirectory: String
    public var executable: String
    public var jobName: String
    public var shards: Int
    public var maxRunning: Int?
    public var cpusPerTask: Int?
    public var time: String?
    public var partition: String?
    public var account: String?
    public var extraArguments: [String] = []
    /// Seconds before the time limit that Slurm sends SIGUSR1 (the sweep then stops starting runs and exits 75).
    public var signalLeadSeconds = 300

    public init(runDirectory: String, executable: String, jobName: String, shards: Int) {
        self.runDirectory = runDirectory
        self.executable = executable
        self.jobName = jobName
        self.shards = shards
    }

    static func q(_ s: String) -> String {
        if s.range(of: "^[A-Za-z0-9_./:=@%+-]+$", options: .regularExpression) != nil { return s }
        return "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    var slurmDirectory: String { (runDirectory as NSString).appendingPathComponent("slurm") }

    private func common(_ name: String) -> [String] {
        var l = ["#SBATCH --job-name=\(name)"]
        if let p = partition { l.append("#SBATCH --partition=\(p)") }
        if let a = account { l.append("#SBATCH --account=\(a)") }
        if let t = time { l.append("#SBATCH --time=\(t)") }
        for a in extraArguments { l.append("#SBATCH \(a)") }
        return l
    }

    public var arrayScript: String {
        var l = ["#!/bin/bash", "# Sweep shards as a Slurm job array: task I runs shard I/\(shards) (runs with id mod \(shards) = I).",
                 "# Re-run missing shards only: sbatch --array=<list> \(Self.q(slurmDirectory))/array.sbatch  (chengyu sweep status prints the list)."]
        l += common(jobName)
        l.append("#SBATCH --array=0-\(shards - 1)\(maxRunning.map { "%\($0)" } ?? "")")
        if let c = cpusPerTask { l.append("#SBATCH --cpus-per-task=\(c)") }
        l += ["#SBATCH --output=\(slurmDirectory)/logs/%x_%A_%a.out",
              "#SBATCH --signal=B:USR1@\(signalLeadSeconds)",
              "#SBATCH --requeue",
              "#SBATCH --open-mode=append",
              "set -euo pipefail",
              "# exec: the signal reaches chengyu itself, which stops starting runs, flushes and exits 75.",
              "exec \(Self.q(executable)) sweep run \(Self.q(runDirectory)) --shard \"${SLURM_ARRAY_TASK_ID}/\(shards)\" --jobs \"${SLURM_CPUS_PER_TASK:-1}\""]
        return l.joined(separator: "\n") + "\n"
    }

    public var mergeScript: String {
        var l = ["#!/bin/bash", "# Merges the shards; exits 2 listing missing runs and the sbatch line that re-runs them."]
        l += common(jobName + "-merge")
        l += ["#SBATCH --output=\(slurmDirectory)/logs/%x_%j.out",
              "set -euo pipefail",
              "\(Self.q(executable)) sweep status \(Self.q(runDirectory)) --shards \(shards) || true",
              "exec \(Self.q(executable)) sweep merge \(Self.q(runDirectory))"]
        return l.joined(separator: "\n") + "\n"
    }

    public var submitScript: String {
        """
        #!/bin/bash
        # Submits the shard array, then the merge chained with afterany; prints both job ids.
        set -euo pipefail
        cd \(Self.q(slurmDirectory))
        mkdir -p logs
        A=$(sbatch --parsable array.sbatch)
        A=${A%%;*}
        M=$(sbatch --parsable --dependency=afterany:$A merge.sbatch)
        M=${M%%;*}
        echo "array=$A merge=$M"
        echo "progress: \(Self.q(executable)) sweep status \(Self.q(runDirectory))"

        """
    }

    /// Writes `RUN/slurm/{array.sbatch, merge.sbatch, submit.sh}` (executable) and `RUN/slurm/logs/`.
    public func write() throws -> [URL] {
        let dir = URL(fileURLWithPath: slurmDirectory)
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("logs"), withIntermediateDirectories: true)
        var out: [URL] = []
        for (name, text) in [("array.sbatch", arrayScript), ("merge.sbatch", mergeScript), ("submit.sh", submitScript)] {
            let url = dir.appendingPathComponent(name)
            try AtomicFileWriter.write(Data(text.utf8), to: url)
            chmod(url.path, 0o755)
            out.append(url)
        }
        return out
    }
}

