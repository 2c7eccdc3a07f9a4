"""`devtools/request_timing`: the DynamoDB time a request spent, per thread, as the benchmark and the dev server
read it."""

from __future__ import annotations

import threading

import boto3
from botocore.stub import Stubber

from devtools import request_timing


def _client(service: str):
    return boto3.client(service, region_name="ap-southeast-3", aws_access_key_id="x", aws_secret_access_key="x")


def test_counts_dynamodb_calls_of_this_thread_only():
    request_timing.install()
    dynamodb, sqs = _client("dynamodb"), _client("sqs")
    with Stubber(dynamodb) as ddb_stub, Stubber(sqs) as sqs_stub:
        ddb_stub.add_response("get_item", {}, {"TableName": "t", "Key": {"k": {"S": "1"}}})
        ddb_stub.add_response("get_item", {}, {"TableName": "t", "Key": {"k": {"S": "2"}}})
        sqs_stub.add_response("get_queue_url", {"QueueUrl": "http://q"}, {"QueueName": "q"})
        request_timing.start()
        dynamodb.get_item(TableName="t", Key={"k": {"S": "1"}})
        sqs.get_queue_url(QueueName="q")  # not DynamoDB: not counted
        seen_elsewhere = []
        other = threading.Thread(target=lambda: (request_timing.start(), seen_elsewhere.append(request_timing.spent())))
        other.start()
        other.join()
        dynamodb.get_item(TableName="t", Key={"k": {"S": "2"}})
        ms, calls = request_timing.spent()
    assert calls == 2 and ms > 0
    assert seen_elsewhere == [(0.0, 0)]
    assert request_timing.header() == f'dynamodb;dur={ms:.3f};desc="2"'
    request_timing.start()
    assert request_timing.spent() == (0.0, 0)


def test_a_recorded_read_is_sent_again_as_it_was():
    request_timing.install()
    dynamodb = _client("dynamodb")
    query = {"TableName": "t", "KeyConditionExpression": "k = :k", "ExpressionAttributeValues": {":k": {"S": "1"}}}
    with Stubber(dynamodb) as stub:
        stub.add_response("query", {"Items": []}, query)
        stub.add_response("query", {"Items": []}, query)  # the replay must send the same parameters
        request_timing.start()
        with request_timing.recording() as calls:
            dynamodb.query(**query)
        assert [(operation, params) for _, operation, params in calls] == [("Query", query)]
        assert request_timing.replay(calls) > 0
        stub.assert_no_pending_responses()
    assert request_timing.spent()[1] == 1  # the replay is not counted as the request's own
