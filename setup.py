"""Build script: compiles the hot pipeline modules with Cython (optional).

The project metadata lives in pyproject.toml; this file only adds the compiled
extensions. The modules are plain Python source compiled as they are, so every one
of them also ships as .py and the package works without the extensions:

* ``PROMISEMINE_PURE=1`` at build time skips compilation (use it with
  ``pip install -e .``, whose in-place extensions would shadow edits of the .py files);
* when the C compiler fails (or Cython is missing in a build without isolation), the
  install goes on with the pure Python package and a warning. (pip's isolated build
  fetches Cython, listed in pyproject.toml: offline, have a Cython wheel at hand or set
  PROMISEMINE_PURE=1.)

The generated C files go to build/cython, never next to the sources, and the sdist
does not contain them (they are generated again from the .py files at build time).
"""
import os
import sys

from setuptools import Extension, setup
from setuptools.command.build_ext import build_ext

# The modules of the extraction pipeline (src/promisemine/<name>.py) compiled as is.
COMPILED = (
    "quantities", "activities", "sections", "metadata", "pledges", "linking",
    "prefilter", "pipeline", "language", "verbs", "records",
)
DIRECTIVES = {
    "language_level": 3,
    # Cython would otherwise enforce exact builtin types from annotations
    # (a defaultdict where ``dict`` is annotated fails at run time).
    "annotation_typing": False,
}
CYTHON_BUILD_DIR = os.path.join("build", "cython")


def _pure_requested() -> bool:
    return os.environ.get("PROMISEMINE_PURE", "") not in ("", "0")


def _warn(message: str) -> None:
    bar = "*" * 78
    print(f"\n{bar}\nWARNING (promisemine): {message}\n"
          f"The pure-Python package is installed instead; it gives the same output, "
          f"only slower.\n{bar}\n", file=sys.stderr, flush=True)


def _build_errors() -> tuple:
    """The exceptions a failing C compiler or linker raises."""
    errors = [OSError]
    try:  # setuptools >= 59 vendors distutils here
        from setuptools.errors import CCompilerError, CompileError, ExecError, LinkError, PlatformError
        errors += [CCompilerError, CompileError, ExecError, LinkError, PlatformError]
    except ImportError:  # pragma: no cover - older setuptools
        pass
    try:
        from distutils.errors import (CCompilerError, CompileError, DistutilsExecError,
                                      DistutilsPlatformError, LinkError)
        errors += [CCompilerError, CompileError, DistutilsExecError, DistutilsPlatformError, LinkError]
    except ImportError:  # pragma: no cover - Python >= 3.12 without setuptools' shim
        pass
    return tuple(dict.fromkeys(errors))


class OptionalCythonBuildExt(build_ext):
    """build_ext that cythonizes the .py modules and drops any extension that cannot
    be built (no Cython, no compiler, a compile or link error) with a warning."""

    def initialize_options(self):
        super().initialize_options()
        self._failed = []

    def finalize_options(self):
        if self.parallel is None:
            self.parallel = os.cpu_count() or 1
        super().finalize_options()

    def run(self):
        if not self.extensions:
            return super().run()
        try:
            from Cython.Build import cythonize
        except ImportError:
            _warn("Cython is not installed; the pipeline modules are not compiled.")
            self.extensions = []
            return super().run()
        try:
            translated = cythonize(
                self.extensions,
                compiler_directives=DIRECTIVES,
                build_dir=CYTHON_BUILD_DIR,
                nthreads=self.parallel if isinstance(self.parallel, int) and self.parallel > 1 else 0,
                quiet=True,
            )
        except Exception as exc:  # noqa: BLE001 - Cython's own errors, any kind
            _warn(f"Cython could not translate the pipeline modules ({type(exc).__name__}: {exc}).")
            self.extensions = []
            return super().run()
        # The C sources go into the Extension objects setuptools has prepared (cythonize
        # returns new, plain ones); cythonizing here rather than at setup() time keeps
        # the generated C files out of the sdist.
        by_name = {ext.name: ext for ext in translated}
        for ext in self.extensions:
            ext.sources = by_name[ext.name].sources
        try:
            super().run()
        except _build_errors() as exc:  # e.g. no compiler at all for this platform
            self._failed = [ext.name for ext in self.extensions]
            print(f"promisemine: building the extensions failed: {exc}", file=sys.stderr, flush=True)
        self._drop_failed()
        if self._failed:
            if self.extensions:
                _warn(f"some pipeline modules could not be compiled: {', '.join(sorted(self._failed))}; "
                      f"they run as pure Python.")
            else:
                _warn("the C compiler failed; no pipeline module is compiled.")

    def build_extension(self, ext):
        try:
            super().build_extension(ext)
        except _build_errors() as exc:
            print(f"promisemine: building {ext.name} failed: {exc}", file=sys.stderr, flush=True)
            self._failed.append(ext.name)

    def _drop_failed(self):
        failed = set(self._failed)
        self.extensions = [ext for ext in self.extensions if ext.name not in failed]

    def copy_extensions_to_source(self):
        # In-place builds (editable installs) copy only what was built.
        self._drop_failed()
        super().copy_extensions_to_source()


def _extensions() -> list:
    if _pure_requested():
        print("promisemine: PROMISEMINE_PURE is set; installing the pure-Python package.",
              file=sys.stderr, flush=True)
        return []
    # -O2 runs as fast as Python's default -O3 here and compiles a third faster; no
    # debug information (a C traceback of generated code helps nobody; the wheel shrinks)
    args = [] if sys.platform == "win32" else ["-O2", "-g0"]
    return [Extension(f"promisemine.{name}", [os.path.join("src", "promisemine", f"{name}.py")],
                      extra_compile_args=args)
            for name in COMPILED]


setup(ext_modules=_extensions(), cmdclass={"build_ext": OptionalCythonBuildExt})
