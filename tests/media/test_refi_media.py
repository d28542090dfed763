"""REFI-QDA with recordings: the ATLAS.ti sample's audio and video sources, with transcript
texts and media made here and packed into a .qdpx, come in as documents linked to their
recordings with their sync points; our own export writes them back, valid against the XSD."""

from __future__ import annotations

import shutil
import zipfile

from lxml import etree
from sqlalchemy import func, select

from reiscoder.model import Coding, Document, DocumentRecording, Recording, SyncPoint
from reiscoder.model.project import Project
from reiscoder.ops.codings import apply_coding
from reiscoder.read.recordings import FileState, recordings
from reiscoder.read.timing import document_timing
from reiscoder.refi import ExportOptions, ImportOptions, export_project, import_as_new_project
from tests.factories import code_id, first_coder_id
from tests.media.makers import encode
from tests.media.projects import timed_project
from tests.refi.builders import SAMPLES, assert_valid

ATLAS = SAMPLES / "atlasti-8.4-mac_refi-standard-project.qde"
NS = {"q": "urn:QDA-XML:project:1.0"}
QUIET = ImportOptions(coder="Importeur", segment=False)
DIET_COKE = (
    "Speaker 1: Diet Coke break.\n"  # the sync points of the sample fall on these lines
    "Speaker 2: Eleven thirty.\n"
    "Speaker 1: Time for the Diet Coke break, every day.\n"
    "Speaker 2: Look at him.\n"
    "Speaker 1: He is here again.\n"
    "Speaker 2: Right on time.\n"
    "Speaker 1: The window cleaner.\n"
    "Speaker 2: I need a break too.\n"
    "Speaker 1: Just for the taste of it.\n"
    "Speaker 2: Diet Coke.\n"
)


def _atlas_package(tmp_path, talk, encoded):
    """The sample's XML, with transcript texts and recordings we make, zipped as a .qdpx."""
    root = etree.parse(str(ATLAS)).getroot()
    m4a = encode(talk.wav, tmp_path / "ontbijt.m4a")
    second = encode(talk.wav, tmp_path / "tweede.mov")  # another video: other bytes
    package = tmp_path / "atlas.qdpx"
    with zipfile.ZipFile(package, "w") as archive:
        archive.write(ATLAS, "project.qde")
        sources = root.findall(".//q:AudioSource", NS) + root.findall(".//q:VideoSource", NS)
        for source in sources:
            name = source.get("path").split("///", 1)[1]
            media = m4a if name.endswith(".m4a") else encoded[".mp4"]
            archive.write(second if name.startswith("DAD05D08") else media, f"sources/{name}")
            for transcript in source.findall("q:Transcript", NS):
                text_name = transcript.get("plainTextPath").split("//", 1)[1]
                text = (
                    DIET_COKE
                    if "Diet Coke" in transcript.get("name")
                    else (f"{transcript.get('name')}: a man drinks a Coke on a hot day.\n")
                )
                archive.writestr(f"sources/{text_name}", text.replace("\n", "\r\n"))
    return package


def test_the_atlas_sample_brings_its_transcripts_linked_to_their_recordings(
    tmp_path, talk, encoded
):
    package = _atlas_package(tmp_path, talk, encoded)
    target = tmp_path / "project" / "atlas.reis"
    target.parent.mkdir()
    project, report = import_as_new_project(package, target, QUIET)
    with project, project.reader() as session:
        transcripts = session.scalars(select(Document).order_by(Document.name)).all()
        names = [d.name for d in transcripts]
        assert names == [
            "1960s Coca Cola commercial - Audio.docx",
            "1960s Coca Cola commercial - Visual.docx",
            "1994 Diet Coke-Diet Coke Break.docx",
        ]
        found = recordings(session, project.path)
        assert sorted(r.name for r in found) == [
            "5293A7DD-8139-4811-88E4-3357E3AA64E1.mp4",
            "DAD05D08-38E7-4F58-BF6D-9AAE714F2F50.mp4",
        ]
        assert all(r.state(thorough=True) is FileState.PRESENT for r in found)
        assert all(r.file.parent == target.parent / "atlas opnamen" for r in found)
        assert all(r.kind == "video" for r in found)
        shared = next(r for r in found if r.name.startswith("5293"))
        assert len(shared.documents) == 2  # the audio and the visual transcript of one video
        diet = transcripts[2]
        points = session.scalars(
            select(SyncPoint).where(SyncPoint.document_id == diet.id).order_by(SyncPoint.position)
        ).all()
        assert [p.time_ms for p in points] == [0, 2260, 3100, 4420, 6320, 6869, 8059, 37268,
                                               38288, 39168, 40348]  # fmt: skip
        assert [p.position for p in points][:3] == [0, 20, 40]  # CR LF counted as one (ATLAS)
        timing = document_timing(session, diet.id)
        assert timing.is_exact(40) and timing.time_at(40) == 3100
        assert session.scalar(select(func.count()).select_from(DocumentRecording)) == 3
    dropped = "\n".join(report.dropped)
    assert "Jeanine's Breakfast.m4a" in dropped  # a recording without transcript is reported


def test_our_export_writes_transcripts_of_recordings_and_brings_them_back(tmp_path, talk, encoded):
    path, document = timed_project(tmp_path / "hier", talk, encoded[".ogg"])
    with Project.open(path) as project, project.transaction() as session:
        text = session.get(Document, document).text
        start = text.index("Mijn buurvrouw")
        apply_coding(session, document, code_id(session, "1.3"), first_coder_id(session), start,
                     start + 30)  # fmt: skip
    qdpx = tmp_path / "uitwisseling.qdpx"
    with Project.open(path, read_only=True) as project, project.reader() as session:
        report = export_project(session, qdpx, ExportOptions())
    assert report.counts["recordings"] == 1
    with zipfile.ZipFile(qdpx) as archive:
        xml = archive.read("project.qde")
    assert_valid(xml, "Project.xsd")
    root = etree.fromstring(xml)
    (audio,) = root.findall(".//q:AudioSource", NS)
    assert audio.get("path").startswith("absolute:///") and audio.get("path").endswith(".ogg")
    (transcript,) = audio.findall("q:Transcript", NS)
    points = {p.get("guid"): int(p.get("timeStamp")) for p in transcript.findall("q:SyncPoint", NS)}
    assert len(points) >= len(talk.starts_ms)
    (selection,) = transcript.findall("q:TranscriptSelection", NS)
    begins = points[selection.get("fromSyncPoint")]
    assert abs(begins - talk.starts_ms[3]) < 300
    assert selection.find("q:Coding", NS) is not None

    elsewhere = tmp_path / "daar"
    elsewhere.mkdir()
    copy, _report = import_as_new_project(qdpx, elsewhere / "kopie.reis", QUIET)
    with copy, copy.reader() as session:
        (info,) = recordings(session, copy.path)
        assert info.state() is FileState.PRESENT and info.file.suffix == ".ogg"
        (coding,) = session.scalars(select(Coding)).all()
        assert coding.quote.startswith("Mijn buurvrouw")
        moved = session.scalars(select(Document)).one()
        timing = document_timing(session, moved.id)
        assert abs(timing.time_at(coding.start) - talk.starts_ms[3]) < 300
        assert session.scalar(select(Recording.checksum)) == info.checksum


def test_a_recording_missing_from_the_package_can_be_found_later(tmp_path, talk, encoded):
    package = _atlas_package(tmp_path, talk, encoded)
    stripped = tmp_path / "zonder media.qdpx"
    with zipfile.ZipFile(package) as source, zipfile.ZipFile(stripped, "w") as target:
        for item in source.infolist():
            if not item.filename.endswith((".mp4", ".m4a")):
                target.writestr(item, source.read(item))
    project, report = import_as_new_project(stripped, tmp_path / "p.reis", QUIET)
    with project, project.reader() as session:
        assert session.scalar(select(func.count()).select_from(Document)) == 3
        found = recordings(session, project.path)
        assert len(found) == 2 and all(r.state() is FileState.MISSING for r in found)
    assert "kan later worden gezocht" in "\n".join(report.dropped)
    shutil.rmtree(tmp_path / "p opnamen", ignore_errors=True)
