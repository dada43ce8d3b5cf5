OK_FORMAT = True

test = {   'name': 'q2',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q2_russia, _pd.Series) and len(q2_russia) > 0\n',
                                       'failure_message': '`q2_russia` should be a pandas Series (sources as its index, counts as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q2_russia, _pd.Series) and len(q2_russia) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q2_russia, _pd.Series) and list(q2_russia.values) == sorted(q2_russia.values, reverse=True))\n',
                                       'failure_message': 'The counts should run from the most to the fewest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_russia, 'q2') != 'b5dca5b65a17'\n",
                                       'failure_message': "Your counts include longer words that start with 'Russia' (an adjective, a possessive): count the word standing alone.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q2_russia, 'q2') != '8a02652239f4'\n",
                                       'failure_message': 'Your counts include the possessive form (an apostrophe and an s after the word): the question leaves it out.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
