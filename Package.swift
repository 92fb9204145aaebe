// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "DualAD",
  products: [
    // MARK: Public API
    .library(name: "DualAD", targets: ["DualAD"]),
    .library(name: "GradientCheck", targets: ["GradientCheck"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
  ],
  targets: [
    // MARK: Implementation
    .target(
      name: "DualAD",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    .systemLibrary(
      name: "CGSL",
      pkgConfig: "gsl",
      providers: [.apt(["libgsl-dev"])]
    ),
    .target(
      name: "GradientCheck",
      dependencies: ["DualAD", "CGSL"]
    ),
    .executableTarget(
      name: "Verification",
      dependencies: ["DualAD", "GradientCheck"],
      path: "Verification"
    ),
    .executableTarget(
      name: "CoreBenchmarks",
      dependencies: ["DualAD"],
      path: "Benchmarks/CoreBenchmarks"
    ),

    // MARK: Tests
    .testTarget(
      name: "DualADTests",
      dependencies: ["DualAD"]
    ),
    .testTarget(
      name: "GradientCheckTests",
      dependencies: ["GradientCheck", "DualAD"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
