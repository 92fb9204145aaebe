// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "DualAD",
  products: [
    // MARK: Public API
    .library(name: "DualAD", targets: ["DualAD"]),
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
    .executableTarget(
      name: "Verification",
      dependencies: ["DualAD"],
      path: "Verification"
    ),
    .executableTarget(
      name: "CoreBenchmarks",
      dependencies: ["DualAD"],
      path: "Benchmarks/CoreBenchmarks"
    ),
    .executableTarget(
      name: "TensorBenchmarks",
      dependencies: ["DualAD"],
      path: "Benchmarks/TensorBenchmarks"
    ),

    // MARK: Tests
    .testTarget(
      name: "DualADTests",
      dependencies: ["DualAD"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
