"""Contact photos through the real client, and the photo URLs the emulator serves."""

from __future__ import annotations

import base64
import io
import urllib.error
import urllib.request

from people_helpers import NOT_FOUND, bad_request, error_of, image_bytes
from PIL import Image


def _fetch(url: str) -> tuple[str, bytes]:
    with urllib.request.urlopen(url, timeout=10) as answer:
        return answer.headers["Content-Type"], answer.read()


def _upload(people, resource_name: str, data: bytes, fields: str | None = "photos"):
    body = {"photoBytes": base64.b64encode(data).decode()}
    if fields:
        body["personFields"] = fields
    return people.people().updateContactPhoto(resourceName=resource_name, body=body)


def test_png_and_jpeg_are_stored_and_served(people, new_contact, emulator):
    contact = new_contact()
    for kind, mime in (("PNG", "image/png"), ("JPEG", "image/jpeg")):
        data = image_bytes(kind)
        answer = _upload(people, contact["resourceName"], data, "photos,metadata").execute()
        [photo] = answer["person"]["photos"]
        assert "default" not in photo
        assert photo["metadata"]["primary"] is True
        assert (mime, data) == _fetch(photo["url"])
    assert emulator.counters()["people.people.updateContactPhoto"] == 2


def test_photo_url_changes_and_the_etag_moves(people, new_contact):
    contact = new_contact()
    first = _upload(people, contact["resourceName"], image_bytes("PNG"), "photos").execute()
    second = _upload(
        people, contact["resourceName"], image_bytes("PNG", (0, 0, 255)), "photos"
    ).execute()
    assert first["person"]["photos"][0]["url"] != second["person"]["photos"][0]["url"]
    assert len({contact["etag"], first["person"]["etag"], second["person"]["etag"]}) == 3


def test_sz_parameter_serves_a_smaller_copy(people, new_contact):
    contact = new_contact()
    answer = _upload(people, contact["resourceName"], image_bytes("PNG", size=300)).execute()
    mime, data = _fetch(answer["person"]["photos"][0]["url"] + "?sz=100")
    assert mime == "image/png"
    assert Image.open(io.BytesIO(data)).size == (100, 100)


def test_without_person_fields_the_answer_is_empty(people, new_contact):
    contact = new_contact()
    assert _upload(people, contact["resourceName"], image_bytes("PNG"), None).execute() == {}


def test_gif_and_corrupt_data_are_refused(people, new_contact):
    contact = new_contact()
    status, body = error_of(_upload(people, contact["resourceName"], image_bytes("GIF")))
    assert (status, body) == (
        400,
        bad_request(
            "Invalid photo bytes: GIF images are not accepted. Only JPEG and PNG are supported."
        ),
    )
    broken = image_bytes("PNG")[:60]
    status, body = error_of(_upload(people, contact["resourceName"], broken))
    assert status == 400
    assert body["error"]["message"].startswith("Invalid photo bytes: the data is not a readable")
    status, body = error_of(_upload(people, contact["resourceName"], b"hello, not an image"))
    assert status == 400 and body["error"]["status"] == "INVALID_ARGUMENT"
    got = people.people().get(resourceName=contact["resourceName"], personFields="photos").execute()
    assert got["photos"][0]["default"] is True
    assert got["etag"] == contact["etag"]  # refused uploads change nothing


def test_photo_bytes_must_be_base64(people, new_contact):
    contact = new_contact()
    request = people.people().updateContactPhoto(
        resourceName=contact["resourceName"], body={"photoBytes": "%%%not base64%%%"}
    )
    status, body = error_of(request)
    assert (status, body) == (
        400,
        bad_request(
            "Invalid value at 'photo_bytes' (TYPE_BYTES), Base64 decoding failed for "
            '"%%%not base64%%%"'
        ),
    )


def test_photo_of_unknown_contact_is_404(people):
    status, body = error_of(_upload(people, "people/c77", image_bytes("PNG")))
    assert (status, body) == (404, NOT_FOUND)


def test_delete_photo_brings_back_the_default(people, new_contact):
    contact = new_contact()
    uploaded = _upload(people, contact["resourceName"], image_bytes("JPEG")).execute()
    old_url = uploaded["person"]["photos"][0]["url"]
    answer = (
        people.people()
        .deleteContactPhoto(resourceName=contact["resourceName"], personFields="photos")
        .execute()
    )
    [photo] = answer["person"]["photos"]
    assert photo["default"] is True
    mime, data = _fetch(photo["url"])
    assert mime == "image/png" and data.startswith(b"\x89PNG")
    try:
        _fetch(old_url)
    except urllib.error.HTTPError as exc:
        assert exc.code == 404
    else:
        raise AssertionError("a removed photo is still served")
    bare = people.people().deleteContactPhoto(resourceName=contact["resourceName"]).execute()
    assert bare == {}
