import ArgumentParser
import Foundation
import MatrixCore
import ParameterSweeps
import ScenarioSpec
import SimulationEngine

extension Chengyu {
    /// `chengyu sweep …`: parameter sweeps on all cores and across nodes with Slurm job arrays.
    struct SweepCommand: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "sweep",
            abstract: "Parameter sweeps: plan, run (sharded, resumable), status, merge, Slurm scripts, analysis.",
            discussion: Help.flow("""
                A sweep file names a base scenario, the parameters (and lever strengths) to vary with their ranges,
                a design (grid, oat, lhs, sobol), a seed and the outputs to keep (docs/sweeps.md).

                Examples:
                  chengyu sweep plan Scenarios/sweeps/example.yaml --out runs/example
                  chengyu sweep run runs/example --jobs auto
                  chengyu sweep merge runs/example
                  chengyu sweep analyse runs/example
                  chengyu sweep slurm runs/example --shards 40 --cpus-per-task 8 --time 02:00:00 --submit

                Exit codes: 0 done, 2 bad input or (merge) runs missing, 75 interrupted by SIGTERM/SIGUSR1/SIGINT
                after flushing finished runs (re-run the same command to resume).
                """),
            subcommands: [Plan.self, Run.self, Status.self, Merge.self, Slurm.self, Analyse.self])
    }
}

enum SweepCLI {
    static func runDirectory(_ path: String) -> URL { URL(fileURLWithPath: path).standardizedFileURL }

    static func manifest(_ dir: URL) throws -> SweepManifest {
        do { return try SweepManifest.read(runDirectory: dir) } catch {
            Terminal.error("\(error)")
            throw ExitCodes.badInput
        }
    }

    /// 74 with "cannot write PATH" for a failed write (`CLIErrors.writeFailure`), else 2 with the error.
    static func fail(_ error: Error) -> ExitCode {
        if let code = error as? ExitCode { return code }
        if let message = CLIErrors.writeFailure(error) {
            Terminal.error(message)
            return ExitCodes.cannotWrite
        }
        Terminal.error("\(error)")
        return ExitCodes.badInput
    }

    /// 74 for an error while writing to `path` (a folder or file the command creates): "cannot write
    /// PATH: reason". An `ExitCode` passes through.
    static func failWriting(_ error: Error, to path: String) -> ExitCode {
        if let code = error as? ExitCode { return code }
        let reason = (error as? CocoaError).map { $0.localizedDescription } ?? "\(error)"
        Terminal.error(CLIErrors.writeFailure(error) ?? "cannot write \(path): \(reason)")
        return ExitCodes.cannotWrite
    }

    static func duration(_ s: Double) -> String {
        guard s.isFinite else { return "?" }
        let t = Int(s.rounded())
        return t >= 3600 ? "\(t / 3600)h\(String(format: "%02d", t % 3600 / 60))m" : t >= 60 ? "\(t / 60)m\(String(format: "%02d", t % 60))s" : "\(t)s"
    }

    /// The absolute path of the running executable.
    static func executablePath() -> String {
        if let p = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return p }
        return URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL.path
    }
}

/// Set by the signal handlers; polled by the workers before each run.
final class StopFlag: @unchecked Sendable {
    // @unchecked: `lock` guards `signal`.
    private let lock = NSLock()
    private var signal: Int32 = 0
    func set(_ s: Int32) { lock.withLock { if signal == 0 { signal = s } } }
    var value: Int32 { lock.withLock { signal } }
}

extension Chengyu.SweepCommand {
    struct Plan: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Expand a sweep file into RUN/manifest.json (runs, seeds, spec hash, shard count).",
            discussion: "Example: chengyu sweep plan Scenarios/sweeps/example.yaml --out runs/example")

        @Argument(help: "The sweep file (YAML).") var spec: String
        @Option(help: "The run folder to create.") var out: String
        @Option(help: "Default shard count (overrides the file's shards:).") var shards: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let ds = try ScenarioRunner.dataset()
            let result = SweepSpecLoader(scenarioLoader: ScenarioRunner.loader(), goals: ds.goals).load(path: spec)
            for w in result.warnings { Terminal.info(w.description) }
            guard let s = result.spec else {
                for d in result.errors { Terminal.info(d.description) }
                throw ExitCodes.badInput
            }
            let dir = SweepCLI.runDirectory(out)
            do {
                let m = try SweepPlanner.plan(s, specFile: spec, shards: shards)
                do { try SweepPlanner.write(m, base: s.base, to: dir) } catch { throw SweepCLI.failWriting(error, to: dir.path) }
                if !global.quiet {
                    Terminal.info("planned \(m.runs.count) runs (\(m.design.rawValue), \(m.factors.count) factors, \(m.outputs.count) outputs, \(m.shards) shard\(m.shards == 1 ? "" : "s")) → \(dir.path)/manifest.json")
                }
            } catch { throw SweepCLI.fail(error) }
        }
    }

    struct Run: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Run a share of the sweep's runs, resumably, on the usable CPUs.",
            discussion: Help.flow("""
                --shard I/N runs the runs whose id mod N = I; --shard slurm takes I from SLURM_ARRAY_TASK_ID and N
                from --shards or the manifest (never from SLURM_ARRAY_TASK_COUNT). Finished runs are appended to
                RUN/shards/shard-I-of-N.partial.csv, flushed per run; a re-run skips them and drops a torn last
                line; a complete shard is renamed to shard-I-of-N.csv. --jobs auto uses the CPUs of the affinity
                mask, at most SLURM_CPUS_PER_TASK; BLAS runs one thread per worker (--blas-threads), which keeps
                results bit-identical whatever the number of workers and shards.
                SIGTERM, SIGUSR1 or SIGINT: no new runs start, running ones finish and are flushed, exit 75.
                A run that fails (e.g. numerically) is recorded with status failed and its reason in
                RUN/shards/shard-I-of-N.failures.tsv; it is not retried.

                Examples:
                  chengyu sweep run runs/example                      every run, all usable CPUs
                  chengyu sweep run runs/example --shard 2/4 --jobs 8
                  chengyu sweep run runs/example --shard slurm        inside a Slurm array task
                """))

        @Argument(help: "The run folder (made by sweep plan).") var folder: String
        @Option(help: "I/N (0-based) or slurm. Default 0/1: every run.") var shard: String = "0/1"
        @Option(help: "Shard count for --shard slurm (default: the manifest's).") var shards: Int?
        @Option(help: "Worker threads: auto or a number.") var jobs: String = "auto"
        @Option(help: "OpenBLAS threads per worker (default 1). Merged results are byte-identical only between shards run with the same count.") var blasThreads: Int = 1
        @Option(help: "Start at most this many runs, then stop as if interrupted (exit 75).") var maxRuns: Int?
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let dir = SweepCLI.runDirectory(folder)
            let m = try SweepCLI.manifest(dir)
            let sel: ShardSelection
            do {
                sel = shard == "slurm"
                    ? try .slurm(environment: ProcessInfo.processInfo.environment, count: shards ?? m.shards)
                    : try .parse(shard)
            } catch { throw SweepCLI.fail(error) }
            let cpus = ComputeResources.usableCPUCount()
            let k: Int
            if jobs == "auto" { k = cpus } else if let j = Int(jobs), j >= 1 { k = j } else {
                Terminal.error("--jobs expects auto or a positive number, got '\(jobs)'")
                throw ExitCodes.badInput
            }
            guard blasThreads >= 1 else {
                Terminal.error("--blas-threads must be at least 1")
                throw ExitCodes.badInput
            }
            if k * blasThreads > cpus && !global.quiet {
                Terminal.info("note: \(k) workers × \(blasThreads) BLAS threads exceed the \(cpus) usable CPUs")
            }

            let flag = StopFlag()
            var sources: [DispatchSourceSignal] = []
            for sig in [SIGTERM, SIGUSR1, SIGINT] {
                signal(sig, SIG_IGN)
                let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
                src.setEventHandler { flag.set(sig) }
                src.resume()
                sources.append(src)
            }
            defer { sources.forEach { $0.cancel() } }

            // Before the simulator is built: every number of the sweep comes from the same BLAS thread count.
            ComputeResources.setBLASThreadCount(blasThreads)
            let base: Scenario, sim: Simulator
            do {
                base = try SweepExecutor.loadBase(runDirectory: dir, manifest: m, loader: ScenarioRunner.loader())
                sim = try Simulator(dataset: try ScenarioRunner.dataset())
            } catch let e as ExitCode { throw e } catch { throw SweepCLI.fail(error) }
            let executor = SweepExecutor(runDirectory: dir, manifest: m, base: base, simulator: sim)
            let quiet = global.quiet, tty = Terminal.stderrIsTerminal
            let lastLine = LastLine()
            let outcome: SweepRunOutcome
            do {
                outcome = try executor.run(
                    shard: sel, jobs: k, blasThreads: blasThreads, maxRuns: maxRuns, shouldStop: { flag.value != 0 },
                    progress: { p in
                        guard !quiet else { return }
                        let s = Int32(p.elapsedSeconds)
                        guard tty || p.done == p.shardRuns || s - lastLine.value >= 5 || lastLine.value == 0 && p.doneNow == 1 else { return }
                        lastLine.set(s)
                        let text = "shard \(sel): \(p.done)/\(p.shardRuns) runs, \(String(format: "%.2f", p.runsPerSecond)) runs/s, ETA \(p.etaSeconds.map(SweepCLI.duration) ?? "?")\(p.failedNow > 0 ? ", \(p.failedNow) failed" : "")"
                        FileHandle.standardError.write(Data((tty ? "\r\u{1B}[2K" + text : text + "\n").utf8))
                    })
            } catch { throw SweepCLI.fail(error) }
            if tty && !quiet { FileHandle.standardError.write(Data("\n".utf8)) }
            switch outcome {
            case .complete(let url):
                if !quiet { Terminal.info("shard \(sel) complete: \(url.path)") }
            case let .interrupted(done, total):
                let why = flag.value != 0 ? "signal \(flag.value)" : "--max-runs"
                Terminal.info("shard \(sel) interrupted (\(why)): \(done)/\(total) runs recorded; run the same command to resume")
                throw ExitCodes.interrupted
            }
        }
    }

    struct Status: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Done and missing runs per shard, and the sbatch line that re-runs the missing shards.",
            discussion: Help.flow("""
                Reads every shard file of the run folder, published or partial, and says how to finish: `chengyu
                sweep run RUN` (which runs only the missing runs), or, once `chengyu sweep slurm` has written the
                scripts, the sbatch line for the missing shards. The split into shards is shown for a Slurm
                sweep, with --shards N or with --verbose.

                Example: chengyu sweep status runs/example --verbose
                """))

        @Argument(help: "The run folder.") var folder: String
        @Option(help: "Shard count (default: the manifest's).") var shards: Int?
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let dir = SweepCLI.runDirectory(folder)
            let m = try SweepCLI.manifest(dir)
            let n = shards ?? m.shards
            let c: CollectedResults
            do { c = try SweepResults.collect(runDirectory: dir, manifest: m) } catch { throw SweepCLI.fail(error) }
            let st = SweepResults.status(manifest: m, collected: c, shards: n)
            let missing = st.filter { $0.done < $0.runs }.map(\.shard)
            let done = m.runs.filter { c.rows[$0.id] != nil }.count
            let failed = c.rows.values.filter { $0[0] != 0 }.count
            let sbatch = dir.appendingPathComponent("slurm/array.sbatch").path
            let hasSlurm = FileManager.default.fileExists(atPath: sbatch)
            let rerun = missing.isEmpty ? nil
                : hasSlurm ? "sbatch --array=\(SweepResults.arrayList(missing)) \(sbatch)" : "chengyu sweep run \(dir.path)"
            switch format {
            case .csv:
                emit((["shard,runs,done,state"] + st.map { "\($0.shard),\($0.runs),\($0.done),\($0.state.rawValue)" }).joined(separator: "\n"))
            case .json:
                let shardsJSON = st.map { "{\"shard\":\($0.shard),\"runs\":\($0.runs),\"done\":\($0.done),\"state\":\"\($0.state.rawValue)\"}" }
                emit("{\"runs\":\(m.runs.count),\"done\":\(done),\"failed\":\(failed),\"shards\":[\(shardsJSON.joined(separator: ","))],\"missingShards\":[\(missing.map(String.init).joined(separator: ","))]\(rerun.map { ",\"rerun\":\"\($0)\"" } ?? "")}")
            case .table:
                emit("\(m.name): \(done)/\(m.runs.count) runs done (\(failed) failed)")
                if hasSlurm || shards != nil || global.verbose {
                    emit("as \(n) shards:")
                    for s in st where s.done < s.runs || global.verbose {
                        emit("  shard \(s.shard)/\(n): \(s.done)/\(s.runs) \(s.state.rawValue)")
                    }
                }
                if let rerun {
                    if hasSlurm {
                        emit("missing shards: \(SweepResults.arrayList(missing))")
                        emit("re-run: \(rerun)")
                        emit("   or: for i in \(missing.map(String.init).joined(separator: " ")); do chengyu sweep run \(dir.path) --shard $i/\(n); done")
                    } else {
                        emit("resume: \(rerun)   (only the missing runs are run; --shard I/\(n) splits them)")
                    }
                } else {
                    emit("complete: chengyu sweep merge \(dir.path)")
                }
            }
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check every run is done; write results.csv, results.sqlite (table results) and failures.csv.",
            discussion: Help.flow("""
                Exits 2 listing the missing runs and shards when the sweep is incomplete. results.csv is sorted by
                run id: run_id, the factor columns, status (ok or failed), the outputs; results.sqlite holds the
                same as table results; every file is written under a temporary name and renamed.

                Example: chengyu sweep merge runs/example && sqlite3 runs/example/results.sqlite 'select * from results'
                """))

        @Argument(help: "The run folder.") var folder: String
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let dir = SweepCLI.runDirectory(folder)
            let m = try SweepCLI.manifest(dir)
            let outcome: MergeOutcome
            do { outcome = try SweepResults.merge(runDirectory: dir, manifest: m, model: "Chengyu \(Chengyu.version)") } catch { throw SweepCLI.fail(error) }
            switch outcome {
            case let .written(csv, db, failures):
                if !global.quiet {
                    Terminal.info("merged \(m.runs.count) runs (\(failures) failed) → \(csv.path), \(db.path) (table results), \(dir.path)/failures.csv")
                }
            case let .incomplete(runs, shards):
                let shown = runs.prefix(50).map(String.init).joined(separator: ",")
                Terminal.error("incomplete: \(runs.count) of \(m.runs.count) runs missing: \(shown)\(runs.count > 50 ? ",…" : "")")
                Terminal.info("missing shards (of \(m.shards)): \(SweepResults.arrayList(shards))")
                Terminal.info("re-run: sbatch --array=\(SweepResults.arrayList(shards)) \(dir.path)/slurm/array.sbatch")
                throw ExitCodes.badInput
            }
        }
    }

    struct Slurm: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write RUN/slurm/{array.sbatch, merge.sbatch, submit.sh}; submit only with --submit.",
            discussion: Help.flow("""
                The merge job is chained with afterany, so it runs even when a shard failed and then reports what is
                missing (exit 2). Shards should be coarse (minutes to hours each). --shards also becomes the
                manifest's default shard count, so status and merge use it.

                Example: chengyu sweep slurm runs/example --shards 40 --max-running 10 --cpus-per-task 8 --time 02:00:00
                """))

        @Argument(help: "The run folder.") var folder: String
        @Option(help: "Number of shards (array tasks).") var shards: Int?
        @Option(help: "At most this many array tasks at once (%K).") var maxRunning: Int?
        @Option(help: "CPUs per task (workers per shard).") var cpusPerTask: Int?
        @Option(help: "Time limit per task, e.g. 02:00:00.") var time: String?
        @Option(help: "Partition.") var partition: String?
        @Option(help: "Account.") var account: String?
        @Option(parsing: .unconditionalSingleValue, help: "Extra #SBATCH argument, e.g. --sbatch-arg=--qos=long (repeatable).") var sbatchArg: [String] = []
        @Option(help: "The chengyu executable the jobs run (default: this one).") var executable: String?
        @Flag(help: "Submit with sbatch (runs submit.sh).") var submit = false
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let dir = SweepCLI.runDirectory(folder)
            var m = try SweepCLI.manifest(dir)
            let n = shards ?? m.shards
            guard n >= 1, n <= max(1, m.runs.count) else {
                Terminal.error("--shards must be in 1…\(m.runs.count) (the number of runs)")
                throw ExitCodes.badInput
            }
            do {
                if n != m.shards {
                    m.shards = n
                    let base = try SweepExecutor.loadBase(runDirectory: dir, manifest: m, loader: ScenarioRunner.loader())
                    try SweepPlanner.write(m, base: base, to: dir)
                }
                var s = SlurmScripts(runDirectory: dir.path, executable: executable ?? SweepCLI.executablePath(),
                                     jobName: "sweep-\(m.name)", shards: n)
                s.maxRunning = maxRunning
                s.cpusPerTask = cpusPerTask
                s.time = time
                s.partition = partition
                s.account = account
                s.extraArguments = sbatchArg
                let files: [URL]
                do { files = try s.write() } catch { throw SweepCLI.failWriting(error, to: dir.appendingPathComponent("slurm").path) }
                if !global.quiet { Terminal.info("wrote \(files.map(\.path).joined(separator: ", "))") }
                guard submit else {
                    if !global.quiet { Terminal.info("submit with: bash \(dir.path)/slurm/submit.sh") }
                    return
                }
                let p = Process()
                p.executableURL = URL(fileURLWithPath: "/bin/bash")
                p.arguments = [dir.appendingPathComponent("slurm/submit.sh").path]
                try p.run()
                p.waitUntilExit()
                if p.terminationStatus != 0 {
                    Terminal.error("submit.sh failed with status \(p.terminationStatus)")
                    throw ExitCode(p.terminationStatus)
                }
            } catch let e as ExitCode { throw e } catch { throw SweepCLI.fail(error) }
        }
    }

    struct Analyse: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "analyse",
            abstract: "Summary statistics per output, share of runs meeting each goal, Sobol indices (sobol designs).",
            discussion: Help.flow("""
                Needs every run done. Quantiles are R's type 7; Sobol first-order (Saltelli 2010) and total-order
                (Jansen 1999) indices come with percentile-bootstrap intervals seeded by the sweep's seed.

                Examples:
                  chengyu sweep analyse runs/example
                  chengyu sweep analyse runs/sobol --format csv > indices.csv
                """),
            aliases: ["analyze"])

        @Argument(help: "The run folder.") var folder: String
        @Option(help: "Output format: table, csv or json.") var format: OutputFormat = .table
        @Option(help: "Bootstrap resamples for the Sobol intervals.") var resamples: Int = 1000
        @OptionGroup var global: GlobalOptions

        func run() throws {
            let dir = SweepCLI.runDirectory(folder)
            let m = try SweepCLI.manifest(dir)
            let a: SweepAnalysis
            do {
                a = try SweepAnalysis.analyse(manifest: m, collected: try SweepResults.collect(runDirectory: dir, manifest: m),
                                              resamples: resamples)
            } catch { throw SweepCLI.fail(error) }
            switch format {
            case .table: emit(a.renderText())
            case .csv: emit(a.renderCSV())
            case .json:
                let e = JSONEncoder()
                e.outputFormatting = [.sortedKeys, .prettyPrinted]
                do { emit(String(decoding: try e.encode(a), as: UTF8.self)) } catch {
                    Terminal.error("cannot encode the analysis as JSON: \(error)")
                    throw ExitCodes.badInput
                }
            }
        }
    }
}

/// Seconds (since the shard started) of the last progress line printed.
final class LastLine: @unchecked Sendable {
    // @unchecked: `lock` guards `seconds`.
    private let lock = NSLock()
    private var seconds: Int32 = 0
    var value: Int32 { lock.withLock { seconds } }
    func set(_ s: Int32) { lock.withLock { seconds = s } }
}
