"""Input limits, apart from the reader so the command line can show them without loading it.

The reader pulls in ftfy, charset-normalizer and the HTML cleaner; a command that reads no
files (`brief --council`) should not pay for them at start-up.
"""

from typing import Final

MB: Final = 1024 * 1024
DEFAULT_MAX_BYTES: Final[int] = 5 * MB
