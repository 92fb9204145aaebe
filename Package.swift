// swift-tools-version: 6.1
import PackageDescription

let package = Package(
  name: "DualAD",
  products: [
    // MARK: Public API
    .library(name: "DualAD", targets: ["DualAD"]),
    .library(name: "DualADTensor", targets: ["DualADTensor"]),
    .library(name: "GradientCheck", targets: ["GradientCheck"]),
    .library(name: "DualADExpressions", targets: ["DualADExpressions"]),
    .executable(name: "dual-ad", targets: ["dual-ad"]),
    // The only product that imports _Differentiation: everything else builds without it.
    .library(name: "SwiftADAudit", targets: ["SwiftADAudit"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-numerics", from: "1.1.1"),
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // MARK: Implementation
    .target(
      name: "DualAD",
      dependencies: [.product(name: "RealModule", package: "swift-numerics")]
    ),
    .target(
      name: "DualADTensor",
      dependencies: ["DualAD", "CBLAS"]
    ),
    .systemLibrary(
      name: "CBLAS",
      pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]
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
    .target(
      name: "SwiftADAudit",
      dependencies: ["GradientCheck"]
    ),
    .target(
      name: "DualADExpressions",
      dependencies: ["DualAD", "DualADTensor"]
    ),
    .executableTarget(
      name: "dual-ad",
      dependencies: [
        "DualAD",
        "DualADExpressions",
        "GradientCheck",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "Verification",
      dependencies: [
        "DualAD", "DualADTensor", "GradientCheck", "SwiftADAudit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Verification"
    ),
    .target(
      name: "BenchmarkWorkloads",
      dependencies: ["DualAD", "DualADTensor"],
      path: "Benchmarks/Workloads"
    ),
    .target(
      name: "MallocCounter",
      path: "Benchmarks/MallocCounter"
    ),
    .executableTarget(
      name: "DualADBenchmarks",
      dependencies: [
        "DualAD", "DualADTensor", "BenchmarkWorkloads", "CGSL", "MallocCounter",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Benchmarks/DualADBenchmarks"
    ),
    .executableTarget(
      name: "MemoryCheck",
      dependencies: ["DualAD", "DualADTensor"],
      path: "Benchmarks/MemoryCheck"
    ),
    .executableTarget(
      name: "ExpressionFuzzer",
      dependencies: ["DualAD", "DualADExpressions"],
      path: "Fuzz/ExpressionFuzzer"
    ),
    .executableTarget(
      name: "TapeFuzzer",
      dependencies: ["DualAD"],
      path: "Fuzz/TapeFuzzer"
    ),

    // MARK: Tests
    .testTarget(
      name: "DualADTests",
      dependencies: ["DualAD", "DualADTensor"]
    ),
    .testTarget(
      name: "DualADTensorTests",
      dependencies: ["DualADTensor", "DualAD"]
    ),
    .testTarget(
      name: "GradientCheckTests",
      dependencies: ["GradientCheck", "DualAD"]
    ),
    .testTarget(
      name: "DualADExpressionsTests",
      dependencies: ["DualAD", "DualADExpressions"]
    ),
    .testTarget(
      name: "DualADCLITests",
      dependencies: ["dual-ad", "DualAD", "DualADTensor"]
    ),
    .testTarget(
      name: "PropertyTests",
      dependencies: [
        "DualAD",
        "DualADTensor",
        "DualADExpressions",
        "GradientCheck",
        .product(name: "PropertyBased", package: "swift-property-based"),
      ]
    ),
    .testTarget(
      name: "SwiftADAuditTests",
      dependencies: ["SwiftADAudit", "GradientCheck", "DualAD"]
    ),
    .testTarget(
      name: "BenchmarkWorkloadsTests",
      dependencies: ["BenchmarkWorkloads", "DualAD"]
    ),
  ],
  swiftLanguageModes: [.v6]
)
