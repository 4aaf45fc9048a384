"""YAML in and out of course packages: line numbers on the way in, readable text on the way out."""

from decimal import Decimal

import yaml


class LineDict(dict):
    """A YAML mapping that remembers where it and each of its keys start (1-based lines)."""

    line = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: dict = {}

    def line_of(self, key) -> int:
        return self.lines.get(key, self.line)


class LineList(list):
    """A YAML sequence that remembers where it and each of its items start."""

    line = 1

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.lines: list[int] = []

    def line_of(self, index: int) -> int:
        return self.lines[index] if index < len(self.lines) else self.line


class _LineLoader(yaml.SafeLoader):
    """PyYAML's safe loader, keeping each node's start mark; duplicate keys are recorded."""

    def __init__(self, stream, line_offset: int = 0):
        super().__init__(stream)
        self.line_offset = line_offset
        self.duplicates: list[tuple[int, str]] = []

    def _line(self, node) -> int:
        return node.start_mark.line + 1 + self.line_offset


def _construct_mapping(loader: _LineLoader, node):
    loader.flatten_mapping(node)
    mapping = LineDict()
    mapping.line = loader._line(node)
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        if not isinstance(key, str):
            key = str(key)
        if key in mapping:
            loader.duplicates.append((loader._line(key_node), f"{key} is given twice"))
        mapping[key] = loader.construct_object(value_node, deep=True)
        mapping.lines[key] = loader._line(key_node)
    return mapping


def _construct_sequence(loader: _LineLoader, node):
    sequence = LineList(loader.construct_object(child, deep=True) for child in node.value)
    sequence.line = loader._line(node)
    sequence.lines = [loader._line(child) for child in node.value]
    return sequence


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)
_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_SEQUENCE_TAG, _construct_sequence)


class YamlProblem(Exception):
    def __init__(self, line: int, message: str):
        super().__init__(message)
        self.line = line
        self.message = message


def yaml_load(text: str, *, line_offset: int = 0):
    """Parse one YAML document. Returns (value, duplicate-key problems as (line, message));
    a syntax error raises YamlProblem with its line."""
    loader = _LineLoader(text, line_offset=line_offset)
    try:
        value = loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = (mark.line + 1 if mark else 1) + line_offset
        raise YamlProblem(line, f"not valid YAML: {error.problem or error}") from None
    except yaml.YAMLError as error:
        raise YamlProblem(1 + line_offset, f"not valid YAML: {error}") from None
    finally:
        loader.dispose()
    return value, loader.duplicates


class _ReadableDumper(yaml.SafeDumper):
    """Block style, keys in the order given, long text as literal blocks."""

    def increase_indent(self, flow=False, indentless=False):
        # Indent list items under their key, as people write YAML by hand.
        return super().increase_indent(flow, False)


def _represent_str(dumper, value: str):
    if "\n" in value:
        return dumper.represent_scalar("tag:yaml.org,2002:str", value, style="|")
    return dumper.represent_scalar("tag:yaml.org,2002:str", value)


def _represent_decimal(dumper, value: Decimal):
    if value == value.to_integral_value():
        return dumper.represent_int(int(value))
    return dumper.represent_float(float(value.normalize()))


_ReadableDumper.add_representer(str, _represent_str)
_ReadableDumper.add_representer(Decimal, _represent_decimal)


def yaml_dump(data) -> str:
    return yaml.dump(
        data,
        Dumper=_ReadableDumper,
        sort_keys=False,
        allow_unicode=True,
        width=88,
        default_flow_style=False,
    )
