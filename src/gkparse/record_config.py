"""How pydantic (``gkparse.schema``) treats gkparse's record dataclasses.

Unknown fields are errors, and the attribute docstrings become the JSON Schema's
descriptions. A plain dict, so that defining the records (which every command does) does not
import pydantic (which only validation and ``gkparse schema`` need).
"""

PYDANTIC_CONFIG = {"extra": "forbid", "use_attribute_docstrings": True}
