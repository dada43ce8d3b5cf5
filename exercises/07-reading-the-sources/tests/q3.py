OK_FORMAT = True

test = {   'name': 'q3',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q3_to_the_day, _pd.Series) and len(q3_to_the_day) > 0\n',
                                       'failure_message': '`q3_to_the_day` should be a pandas Series (sources as its index, percentages as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q3_to_the_day, _pd.Series) and len(q3_to_the_day) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q3_to_the_day, _pd.Series) and all((0 <= v <= 100 for v in q3_to_the_day.values)) and (max(q3_to_the_day.values) > '
                                               '1) and (list(q3_to_the_day.values) == sorted(q3_to_the_day.values, reverse=True)))\n',
                                       'failure_message': 'A percentage runs from 0 to 100 (not a share of 1), and the values should run from the highest to the lowest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q3_to_the_day, 'q3') != '9789b1a6701b'\n",
                                       'failure_message': "A claim with no `as_of` is still one of its source's claims: it belongs in the total, and it is not known to the day.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q3_to_the_day, 'q3') != '14df399a73ed'\n",
                                       'failure_message': 'These look like counts: divide by the number of claims each source makes.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
