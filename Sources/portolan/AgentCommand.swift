import ArgumentParser
import Foundation
import PortolanCore
import PortolanProbe

/// `portolan agent`: the probing end of a vantage point.
struct AgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "agent",
        abstract: "Probe requests as JSON lines on standard input, results as JSON lines on standard output.",
        discussion: """
            A topology's vantage points start this command where the arrows' initiators are, for example \
            [ip, netns, exec, dmz, portolan, agent] or [ssh, ops@dmz-gw, portolan, agent].

            The first output line is a hello: {"agent":"portolan","protocol":1,"pid":N}. Each input line is \
            one request: {"id":"1","host":"10.0.2.20","port":13000,"protocol":"tcp","tls":true} (tls, id, \
            schema/label/from/to, timeout_ms and retries are optional). Each answer is the object \
            `portolan probe --json` prints for a result, with the request's id; a line that cannot be read \
            is answered with {"error":"stdin:LINE:1: …","id":…} and also reported on standard error. \
            Requests that arrive together are probed together. The agent exits when its input ends.
            """)

    @Option(help: ArgumentHelp("The longest wait per attempt for requests without timeout_ms, in milliseconds.", valueName: "MS"))
    var timeout = ProbeSettings().timeoutMilliseconds
    @Option(help: ArgumentHelp("Extra attempts after silence, for requests without retries.", valueName: "N"))
    var retries = ProbeSettings().retries
    @Option(help: ArgumentHelp("The most probes in flight.", valueName: "N")) var concurrency = ProbeSettings().concurrency
    @Option(help: ArgumentHelp("What results say in 'vantage' (default: this machine's host name).", valueName: "NAME"))
    var name: String?

    func validate() throws {
        if !(1...600_000).contains(timeout) { throw ValidationError("--timeout must be within 1...600000 ms") }
        if !(0...10).contains(retries) { throw ValidationError("--retries must be within 0...10") }
        if !(1...65_536).contains(concurrency) { throw ValidationError("--concurrency must be within 1...65536") }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)  // a controller that goes away ends the agent through EPIPE, quietly
        var settings = ProbeSettings()
        settings.timeoutMilliseconds = timeout
        settings.minimumTimeoutMilliseconds = min(settings.minimumTimeoutMilliseconds, timeout)
        settings.retries = retries
        settings.concurrency = concurrency
        let agent = Agent(defaults: settings, name: name ?? ProcessInfo.processInfo.hostName)
        await agent.run(input: STDIN_FILENO, output: STDOUT_FILENO)
    }
}
