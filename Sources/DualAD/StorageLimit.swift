#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The most bytes that one new tensor may ask for: the machine's physical memory,
/// sysconf(`_SC_PHYS_PAGES`) × sysconf(`_SC_PAGESIZE`).
///
/// Every creation function (`zeros`, `ones`, `full`, `randn`, `rand`, `linspace`, `arange`) and
/// every operation whose result size comes from its arguments (broadcasting, `matmul`, the
/// Jacobians) computes the bytes with overflow checks, count × `MemoryLayout<Scalar>.stride`,
/// and throws `TensorError.cannotAllocate` (module DualADTensor) before allocating when they
/// exceed this bound. The expression language checks its results the same way, at 8 bytes per
/// element.
///
/// Why physical memory, and not a fraction of it or what is free now: a larger request cannot
/// succeed. Swift ends the process when `malloc` fails, and where Linux overcommits, a request
/// that `malloc` grants anyway is killed when its pages are written. What is free changes from
/// one moment to the next, and a fraction would refuse work that fits on an idle machine. So a
/// request below the bound may still fail on a busy machine (or one whose memory a container
/// limits), but no request above it is ever tried.
public enum StorageLimit {
  /// The bound in bytes: the physical memory, or `Int.max` where the system does not report it.
  public static let bytes: Int = {
    let pages = sysconf(Int32(_SC_PHYS_PAGES)), pageSize = sysconf(Int32(_SC_PAGESIZE))
    guard pages > 0, pageSize > 0 else { return .max }
    let (product, overflow) = Int(pages).multipliedReportingOverflow(by: Int(pageSize))
    return overflow ? .max : product
  }()
}
