"""Loaded first (pyproject's addopts `-p tests.one_blas_thread`), before anything imports numpy.

OpenBLAS starts a thread per core and spins while its threads wait for each other; with the suite's
processes already sharing the cores, that spinning more than doubled the CPU of the bootstrap tests
(tests/analytics/test_pooled.py's power run: 25 s of CPU instead of 11). One thread per process, here
and in every process the tests start, which inherit the environment.
"""

import os

for variable in ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(variable, "1")
