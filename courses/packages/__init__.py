"""Course packages: a course as files (YAML and Markdown), imported and exported.

The format is documented in docs/course-packages.md; decision 0005 says why.
"""
