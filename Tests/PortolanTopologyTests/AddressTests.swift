import PortolanCore
import Testing

@Suite struct AddressTests {
    @Test func parsesAndPrintsAddresses() {
        #expect(IPAddress("10.1.2.3") == .v4(0x0A01_0203))
        #expect(IPAddress("10.1.2.3")?.description == "10.1.2.3")
        #expect(IPAddress("::1")?.isLoopback == true)
        #expect(IPAddress("127.9.9.9")?.isLoopback == true)
        #expect(IPAddress("fe80::1")?.description == "fe80::1")
        for text in ["0.0.0.0", "255.255.255.255", "10.0.100.9", "192.168.7.77"] {
            #expect(IPAddress(text)?.description == text)
        }
        #expect(IPAddress("010.001.0.9")?.description == "10.1.0.9")
        for bad in ["10.1.2", "10.1.2.3.4", "256.0.0.1", "1..2.3", "+1.2.3.4", "::g", "host", "1.2.3.4.", ".1.2.3", "1.2.3.0255", "1.2.3.-1", "1.2.3.４"] {
            #expect(IPAddress(bad) == nil, "\(bad)")
        }
    }

    @Test func expandsBlocks() throws {
        let block = try #require(CIDRBlock("192.168.7.77/29"))
        #expect(block.size == 8)
        #expect(block.addresses.map(\.description) == (3...8).map { "192.168.7.7\($0)" })
        #expect(CIDRBlock("10.0.0.9/32")?.addresses.map(\.description) == ["10.0.0.9"])
        #expect(CIDRBlock("fd00::17/126")?.addresses.map(\.description) == ["fd00::14", "fd00::15", "fd00::16", "fd00::17"])
        #expect(CIDRBlock("10.0.0.0/16")?.addresses.count == 65_534)
        #expect(CIDRBlock("10.0.0.0/x") == nil)
    }

    @Test func readsTargetLists() throws {
        let targets = try TargetListReader.read("# raw\ntcp 127.0.0.1 13000\nudp ::1 15000  # agent\n", file: "t.txt")
        #expect(targets.map { "\($0.transport) \($0.host) \($0.port)" } == ["tcp 127.0.0.1 13000", "udp ::1 15000"])
        // Any case, tabs and CRs between fields, blocks and names, ports with leading zeros; no final newline.
        let mixed = try TargetListReader.read("TCP\t10.0.0.1  080\r\n\n  Udp 10.0.1.0/30 53\ntcp KSC.example 13000", file: "t.txt")
        #expect(mixed.map { "\($0.transport) \($0.host) \($0.port)" } == ["tcp 10.0.0.1 80", "udp 10.0.1.1 53", "udp 10.0.1.2 53", "tcp ksc.example 13000"])
        func failure(_ text: String) -> String? {
            do { _ = try TargetListReader.read(text, file: "t.txt"); return nil } catch { return "\(error)" }
        }
        #expect(failure("tcp 127.0.0.1 13000\nsctp 10.0.0.1 80\n") == "t.txt:2:1: unknown protocol 'sctp' (expected tcp or udp)")
        #expect(failure("udp 10.0.0.1 70000\n") == "t.txt:1:14: bad port '70000' (ports run from 1 to 65535)")
        #expect(failure("  tcp bad!host 80\n") == "t.txt:1:7: bad host 'bad!host' (a host is an IPv4 or IPv6 address, a CIDR block, or a DNS name of letters, digits, '-' and '.')")
        #expect(failure("tcp 10.0.0.1\n")?.hasPrefix("t.txt:1:1: expected 'tcp|udp HOST PORT'") == true)
        #expect(failure("\n# two\ntcp 10.0.0.1 13000 x\n") == "t.txt:3:1: expected 'tcp|udp HOST PORT', found 4 fields")
        // The host is judged before the port, as it always was.
        #expect(failure("tcp 10.0.0.256 0\n") == "t.txt:1:5: bad IPv4 address '10.0.0.256' (four numbers 0-255 joined by dots)")
        #expect(failure("tcp 10.0.0.1 0\n") == "t.txt:1:14: bad port '0' (ports run from 1 to 65535)")
    }
}
