"""The Jupyter kernel conformance suite (jupyter_kernel_test) against the installed C# kernel.

Run with the kernelspec on JUPYTER_PATH, e.g.
    backprop kernel install --prefix /tmp/k
    JUPYTER_PATH=/tmp/k/share/jupyter /usr/bin/python3 -m unittest -v test_backprop_kernel
BACKPROP_KERNEL_NAME picks the kernelspec (default backprop-csharp; .net-csharp is the same kernel).
"""

import os
import unittest

import jupyter_kernel_test


class BackpropCSharpKernelTests(jupyter_kernel_test.KernelTests):
    kernel_name = os.environ.get("BACKPROP_KERNEL_NAME", "backprop-csharp")

    language_name = "C#"
    file_extension = ".cs"

    code_hello_world = 'Console.WriteLine("hello, world");'
    code_stderr = 'Console.Error.WriteLine("something went wrong");'

    completion_samples = [
        {"text": "Math.Sqr", "matches": {"Sqrt"}},
        {"text": "var numbers = new List<int>();\nnumbers.AddR", "matches": {"AddRange"}},
    ]

    complete_code_samples = ["var x = 1;", "Console.WriteLine(6 * 7);", "x"]
    incomplete_code_samples = ["for (var i = 0; i < 3; i++)\n{", "var s = Math.Max(1,"]
    invalid_code_samples = ["var = ;", "Console.WriteLine(1));"]

    code_page_something = 'page("Math.Sqrt returns the square root of a number.");'

    code_generate_error = 'throw new InvalidOperationException("boom");'

    code_execute_result = [
        {"code": "6*7", "result": "42"},
    ]

    code_display_data = [
        {"code": 'display("hello, display");', "mime": "text/plain"},
        {"code": 'display("<b>hello</b>", "text/html");', "mime": "text/html"},
    ]

    code_history_pattern = "6?7"
    supported_history_operations = ("tail", "range", "search")

    code_inspect_sample = "Math.Sqrt"

    code_clear_output = "ClearOutput();"


if __name__ == "__main__":
    unittest.main()
