"""Packages: everything under summarise/, plus the top-level prompts/ shipped as summarise.prompts.

The prompt templates live once, in prompts/ (the design puts them at the top of the project);
this mapping is what puts them into a wheel. tests/test_packaging.py builds a wheel and checks.
"""

from setuptools import find_packages, setup

setup(
    packages=[*find_packages(include=["summarise", "summarise.*"]), "summarise.prompts"],
    package_dir={"summarise.prompts": "prompts"},
)
