// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Liaison",
    products: [
        .executable(name: "liaison", targets: ["liaison"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/weichsel/ZIPFoundation", from: "0.9.20"),
        .package(url: "https://github.com/drmohundro/SWXMLHash", from: "8.1.1"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncurses-dev"])]
        ),
        .target(
            name: "LiaisonCore",
            // Crypto: the digest of a file's bytes, which what is cached of the file is keyed by (FileDigest).
            dependencies: [.product(name: "Crypto", package: "swift-crypto")],
            resources: [.embedInCode("Resources/rub-network.json")]
        ),
        // Files other programs read and write: spreadsheets (CSV, XLSX), calendars, address
        // books, the printable report, Erasmus Without Paper's IIAs (their hashes with
        // swift-crypto). They become and come from LiaisonCore's values (`SheetTable`,
        // `Network`); the rules about records stay in LiaisonCore.
        .target(
            name: "LiaisonInterchange",
            dependencies: [
                "LiaisonCore",
                "TerminalUI",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "ZIPFoundation", package: "ZIPFoundation"),
                .product(name: "SWXMLHash", package: "SWXMLHash"),
                .product(name: "Crypto", package: "swift-crypto"),
            ]
        ),
        .target(name: "TerminalUI"),
        .target(
            name: "LiaisonApp",
            // LiaisonInterchange: the comparison view reads a partner's EWP file.
            dependencies: ["LiaisonCore", "LiaisonInterchange", "TerminalUI", .product(name: "Crypto", package: "swift-crypto")],
            resources: [
                .embedInCode("Resources/dark.json"),
                .embedInCode("Resources/light.json"),
                .embedInCode("Resources/high-contrast.json"),
                .embedInCode("Resources/monochrome.json"),
            ]
        ),
        .target(name: "CursesTerminal", dependencies: ["CNcursesw", "TerminalUI"]),
        .executableTarget(
            name: "liaison",
            dependencies: [
                "LiaisonCore",
                "LiaisonInterchange",
                "TerminalUI",
                "LiaisonApp",
                "CursesTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        // The synthetic networks of benchmarks and load tests: a library, so that tests make them
        // in-process and `liaison-bench generate` writes them from the same code.
        .target(name: "LiaisonGenerator", dependencies: ["LiaisonCore"]),
        .executableTarget(
            name: "liaison-bench",
            dependencies: [
                "LiaisonCore",
                "LiaisonInterchange",
                "LiaisonApp",
                "TerminalUI",
                "LiaisonGenerator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "LiaisonCoreTests", dependencies: ["LiaisonCore", "LiaisonGenerator"]),
        .testTarget(name: "LiaisonInterchangeTests", dependencies: ["LiaisonInterchange", "LiaisonCore", "LiaisonGenerator"]),
        .testTarget(name: "TerminalUITests", dependencies: ["TerminalUI", "CNcursesw"]),
        .testTarget(name: "LiaisonAppTests", dependencies: ["LiaisonApp", "LiaisonCore", "LiaisonInterchange", "LiaisonGenerator", "TerminalUI"], exclude: ["Screens"]),
        .testTarget(name: "LiaisonCLITests", dependencies: ["LiaisonCore", "LiaisonInterchange", "LiaisonApp", "TerminalUI", "LiaisonGenerator", "liaison", "liaison-bench"], exclude: ["Golden"]),
    ],
    swiftLanguageModes: [.v6]
)
