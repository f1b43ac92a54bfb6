"""A real S3-compatible server on loopback (moto's server mode), started once for the test run.

`s3_settings` gives the S3_* settings of a fresh, empty bucket for one test, so a test can
build the shop with `make_app(**s3_settings)`; the bucket is emptied and removed afterwards.
"""
import itertools
import json
import logging

import boto3
import pytest

_buckets = itertools.count(1)


@pytest.fixture(scope="session")
def s3_server():
    """Start moto's S3 server on 127.0.0.1 (an ephemeral port) and return its address."""
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.WARNING)
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"http://{host}:{port}"
    server.stop()


def s3_client(endpoint):
    """A boto3 client of the test server."""
    return boto3.client("s3", endpoint_url=endpoint, region_name="us-east-1",
                        aws_access_key_id="test-key", aws_secret_access_key="test-secret")  # noqa: S106


@pytest.fixture
def s3_settings(s3_server):
    """The settings of a fresh bucket on the test server: MEDIA_STORAGE=s3 and the S3_* values."""
    bucket = f"shop-media-{next(_buckets)}"
    client = s3_client(s3_server)
    client.create_bucket(Bucket=bucket)
    yield {"MEDIA_STORAGE": "s3", "S3_ENDPOINT_URL": s3_server, "S3_BUCKET": bucket, "S3_REGION": "us-east-1",
           "S3_ACCESS_KEY": "test-key", "S3_SECRET_KEY": "test-secret"}
    for entry in client.list_objects_v2(Bucket=bucket).get("Contents", []):
        client.delete_object(Bucket=bucket, Key=entry["Key"])
    client.delete_bucket(Bucket=bucket)


def public_pictures_policy(bucket):
    """The bucket policy the deploy docs give: anyone may read the pictures (products/), nothing else."""
    return json.dumps({"Version": "2012-10-17", "Statement": [{
        "Sid": "PublicPictures", "Effect": "Allow", "Principal": "*", "Action": "s3:GetObject",
        "Resource": f"arn:aws:s3:::{bucket}/products/*"}]})
