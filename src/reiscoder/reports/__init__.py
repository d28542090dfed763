"""Results out to Word and spreadsheets. Free of Qt; the GUI and the command line call these.

Every export is a function ``export_x(source, options, output, progress, cancelled)``:

- ``source``: an open :class:`~reiscoder.model.project.Project` (a reader session is opened
  for the duration of loading) or a :class:`~sqlalchemy.orm.Session`;
- ``options``: the frozen dataclass of that export (:mod:`reiscoder.reports.options`);
- ``output``: the file to write; it appears only when complete (temporary file + move);
- ``progress(done, total)``: called now and then, last with ``done == total``;
- ``cancelled()``: polled while working; when it returns True the export raises
  :class:`~reiscoder.reports.common.ExportCancelled` and nothing is written.

It returns an :class:`~reiscoder.reports.common.ExportReport` (what, where, how much, how long,
warnings) or raises :class:`~reiscoder.reports.common.ExportError` whose ``message`` is
for the user (missing folder, read-only file, file open in Word/Excel, disk full).

An export dialog uses :mod:`reiscoder.reports.exports`: ``EXPORTS`` (kind -> label, suffix,
options class), ``default_options(kind)``, ``preview(source, kind, options)`` (the counts the
export will include, nothing written) and ``run_export(source, kind, options, output,
progress, cancelled)``. Run it off the GUI thread; it never touches widgets.

Modules: codebook_docx, fragments_docx, annotated_docx, memos_docx (Word, via docx_base and
docx_tables for the house style), spreadsheets (codings as xlsx/csv), matrices (code x
document, code x attribute value), data (what they read), common, options, cli.
"""
