/// The transport protocol of a connection.
public enum Transport: String, Sendable, Hashable, CaseIterable, Comparable {
    case tcp, udp

    public static func < (lhs: Transport, rhs: Transport) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// How a connection is drawn and what it carries, after the documents' conventions.
public enum LinkKind: String, Sendable, Hashable, CaseIterable {
    /// TCP traffic: a gray arrow.
    case tcp
    /// UDP traffic: a light gray arrow.
    case udp
    /// COM invoke between applications on one device: an orange line, no port.
    case com
    /// DBMS transport: a pink arrow.
    case dbms
    /// HTTPS to the vendor's servers on the internet.
    case https

    /// The transport a link of this kind travels on; `nil` for COM, which stays inside one device.
    public var transport: Transport? {
        switch self {
        case .tcp, .dbms, .https: .tcp
        case .udp: .udp
        case .com: nil
        }
    }
}

/// Whether the documents say a connection is protected by TLS (SSL).
public enum TLSExpectation: String, Sendable, Hashable, CaseIterable {
    /// The documents say TLS (or SSL, or HTTPS).
    case yes
    /// The documents say the port is not TLS.
    case no
    /// The documents do not say.
    case unknown
    /// TLS does not apply: UDP (the documents' tables print "Null") or COM. Every output says "n/a".
    case notApplicable = "n/a"

    /// The word tables print: Yes, No, unknown, n/a (one word for "does not apply" everywhere).
    public var word: String {
        switch self {
        case .yes: "Yes"
        case .no: "No"
        case .unknown: "unknown"
        case .notApplicable: "n/a"
        }
    }
}

/// The kind of device or service a role stands for.
public enum RoleKind: String, Sendable, Hashable, CaseIterable, Comparable {
    case administrationServer = "administration-server"
    case secondaryAdministrationServer = "secondary-administration-server"
    case dbms
    case clientDevice = "client-device"
    case distributionPoint = "distribution-point"
    case connectionGateway = "connection-gateway"
    case mobileDevice = "mobile-device"
    case browser
    case administrationConsole = "administration-console"
    case webConsoleServer = "web-console-server"
    case kasperskyServers = "kaspersky-servers"
    case pushNotificationService = "push-notification-service"
    case iosMDMServer = "ios-mdm-server"
    case webServer = "web-server"
    case firewall

    /// The name the documents give this kind of device.
    public var displayName: String {
        switch self {
        case .administrationServer: "Administration Server"
        case .secondaryAdministrationServer: "Secondary Administration Server"
        case .dbms: "DBMS"
        case .clientDevice: "Client device"
        case .distributionPoint: "Distribution point"
        case .connectionGateway: "Connection gateway"
        case .mobileDevice: "Mobile device"
        case .browser: "Browser"
        case .administrationConsole: "Administration Console"
        case .webConsoleServer: "Web Console Server"
        case .kasperskyServers: "Kaspersky servers"
        case .pushNotificationService: "Push notification service"
        case .iosMDMServer: "iOS MDM Server"
        case .webServer: "Web Server"
        case .firewall: "Firewall"
        }
    }

    public static func < (lhs: RoleKind, rhs: RoleKind) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A network zone of a figure.
public enum Zone: String, Sendable, Hashable, CaseIterable, Comparable {
    case lan, dmz, internet
    case vendorCloud = "vendor-cloud"

    public var displayName: String {
        switch self {
        case .lan: "LAN"
        case .dmz: "DMZ"
        case .internet: "Internet"
        case .vendorCloud: "Vendor cloud"
        }
    }

    /// Zones in the order the figures lay them out, inside to outside.
    public static func < (lhs: Zone, rhs: Zone) -> Bool { lhs.rank < rhs.rank }

    private var rank: Int {
        switch self {
        case .lan: 0
        case .dmz: 1
        case .internet: 2
        case .vendorCloud: 3
        }
    }
}

/// What a schema shows.
public enum SchemaKind: String, Sendable, Hashable, CaseIterable {
    /// A whole deployment with numbered arrows ("Administration Server and managed devices on LAN").
    case deployment
    /// Two or three components with a traffic table ("Administration Server and DBMS").
    case component
    /// An interaction described in prose (Administration Kit 6.0).
    case interaction
}
