OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import pandas as _pd\n>>> assert isinstance(q4_hedged, _pd.Series) and len(q4_hedged) > 0\n',
                                       'failure_message': '`q4_hedged` should be a pandas Series (sources as its index, percentages as its values).',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': '>>> import pandas as _pd\n'
                                               '>>> import pandas as _pd\n'
                                               '>>> _ok = bool(isinstance(q4_hedged, _pd.Series) and len(q4_hedged) > 0)\n'
                                               '>>> assert not _ok or (isinstance(q4_hedged, _pd.Series) and all((0 <= v <= 100 for v in q4_hedged.values)) and (list(q4_hedged.values) == '
                                               'sorted(q4_hedged.values, reverse=True)))\n',
                                       'failure_message': 'A percentage runs from 0 to 100, and the values should run from the highest to the lowest.',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_hedged, 'q4') != '46ecd7d22897'\n",
                                       'failure_message': "These look like counts: a source with many figures is not the one that hedges most. Divide by each source's own number of figures.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_hedged, 'q4') != '6b3dfeac2691'\n",
                                       'failure_message': "Each percentage should be out of that source's own figures, and every source that gives a figure belongs in the Series (one may hedge "
                                                          'none).',
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0},
                                   {   'code': ">>> from course_lib.grading.answers import fingerprint as _fp\n>>> assert _fp(q4_hedged, 'q4') != 'b0f118ae5bca'\n",
                                       'failure_message': "Every qualifier other than 'exactly' is a hedge, the approximate ones included.",
                                       'hidden': False,
                                       'locked': False,
                                       'points': 0}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
