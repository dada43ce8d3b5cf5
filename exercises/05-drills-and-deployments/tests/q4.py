OK_FORMAT = True

test = {   'name': 'q4',
    'points': 4,
    'suites': [   {   'cases': [   {   'code': '>>> import matplotlib.figure as _mf\n>>> assert isinstance(q4_fig, _mf.Figure) and len(q4_fig.axes) >= 1\n',
                                       'failure_message': '`q4_fig` should be a matplotlib Figure with at least one Axes: `q4_fig, ax = plt.subplots()`.',
                                       'hidden': False,
                                       'locked': False},
                                   {   'code': ">>> assert q4_fig.axes[0].get_title() != '' and q4_fig.axes[0].get_ylabel() != ''\n",
                                       'failure_message': 'Give the chart a title (`ax.set_title`) and a y-axis label (`ax.set_ylabel`).',
                                       'hidden': False,
                                       'locked': False}],
                      'scored': True,
                      'setup': '',
                      'teardown': '',
                      'type': 'doctest'}]}
