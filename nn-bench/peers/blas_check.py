"""Makes sure the peers run on OpenBLAS.

Debian's numpy and torch call whichever BLAS the alternatives system points libblas.so.3 to. Installing
python3-numpy and python3-torch alone brings the reference BLAS (libblas3), which runs about 30 times
slower than OpenBLAS (6 against 180 GFLOP/s for 512^3 here), and OpenBLAS can be loaded (for LAPACK)
while the products still go to the reference BLAS. Every ratio would then be meaningless, so the scripts
stop instead, saying what to install or switch.
"""
import os
import sys


def openblas_or_exit(script):
    """Returns threadpoolctl's records of the loaded OpenBLAS, or exits naming what is missing.

    Call it after importing numpy (and torch), so that their BLAS is loaded.
    """
    try:
        from threadpoolctl import threadpool_info
    except ImportError:
        sys.exit(f"{script}: threadpoolctl is needed to see which BLAS is loaded: "
                 "apt-get install -y python3-threadpoolctl")
    loaded = [d for d in threadpool_info() if d.get("user_api") == "blas"]
    openblas = [d for d in loaded if d.get("internal_api") == "openblas"]
    if not openblas:
        found = ", ".join(d.get("filepath", "?") for d in loaded) or "none that threadpoolctl recognises"
        sys.exit(f"{script}: the BLAS loaded is not OpenBLAS ({found}): apt-get install -y libopenblas0-pthread")
    for path in _mapped_blas_interfaces():
        if "openblas" not in path:
            sys.exit(f"{script}: the products would run on {path}, not OpenBLAS: the libblas.so.3 alternative "
                     "points elsewhere (update-alternatives --auto libblas.so.3-x86_64-linux-gnu, or "
                     "apt-get install -y libopenblas0-pthread)")
    return openblas


def _mapped_blas_interfaces():
    """Files named libblas.so* or libcblas.so* mapped into this process (Linux), through which numpy and
    torch call sgemm."""
    if not os.path.exists("/proc/self/maps"):
        return []
    with open("/proc/self/maps") as maps:
        paths = {line.split()[-1] for line in maps if len(line.split()) >= 6}
    return sorted(p for p in paths if os.path.basename(p).startswith(("libblas.so", "libcblas.so")))
