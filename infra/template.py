"""The merge template for `chalice package`: tables, bucket, queues, IAM, stream mappings, gateway errors.

Tables come from `chalicelib.store.schema.TABLES` (the same definition DynamoDB Local is created
from). Stream event sources get what Chalice's decorator cannot say: the real stream ARN, partial
batch responses, bisect on error, capped retries and a dead-letter queue.
"""

from __future__ import annotations

from typing import Any

from chalice.app import Chalice, DynamoDBEventConfig, SQSEventConfig
from chalice.utils import to_cfn_resource_name

from chalicelib.handlers import refusals
from chalicelib.store.schema import TABLES, table_of_placeholder

STREAM_MAX_RETRIES = 5
STREAM_MAX_RECORD_AGE_SECONDS = 6 * 3600
EXPORT_RETENTION_DAYS = 7
IMPORT_REPORT_RETENTION_DAYS = 90
SIGN_IN_LIMIT_PER_ADDRESS = 100  # sign-in requests per source address per minute (WAF)
SIGN_IN_RATE_PER_SECOND = 50  # sign-in requests per second for the whole stage
#: no public access in any form, encrypted at rest (the data bucket and the web client's bucket)
PRIVATE_BUCKET: dict[str, Any] = {
    "PublicAccessBlockConfiguration": {
        "BlockPublicAcls": True,
        "BlockPublicPolicy": True,
        "IgnorePublicAcls": True,
        "RestrictPublicBuckets": True,
    },
    "BucketEncryption": {
        "ServerSideEncryptionConfiguration": [{"ServerSideEncryptionByDefault": {"SSEAlgorithm": "AES256"}}]
    },
}
_WEB_URL = {"Fn::Sub": "https://${WebDistribution.DomainName}"}
BUCKET_NAME = {"Fn::Sub": "${AWS::StackName}-${AWS::AccountId}-data"}
#: the secret named by the AppSecretName parameter (Secrets Manager appends 6 random characters to the name)
APP_SECRET_ARN = {
    "Fn::Sub": "arn:${AWS::Partition}:secretsmanager:${AWS::Region}:${AWS::AccountId}:secret:${AppSecretName}-??????"
}


def table_resource_name(logical: str) -> str:
    return to_cfn_resource_name(logical) + "Table"


def _table(logical: str, definition: dict[str, Any]) -> dict[str, Any]:
    properties = {
        "TableName": {"Fn::Sub": f"${{AWS::StackName}}-{logical}"},
        "BillingMode": "PAY_PER_REQUEST",
        "PointInTimeRecoverySpecification": {"PointInTimeRecoveryEnabled": True},
        "SSESpecification": {"SSEEnabled": True},
        **definition,
    }
    return {
        "Type": "AWS::DynamoDB::Table",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": properties,
    }


def _bucket() -> dict[str, Any]:
    return {
        "Type": "AWS::S3::Bucket",
        "DeletionPolicy": "Retain",
        "UpdateReplacePolicy": "Retain",
        "Properties": {
            "BucketName": BUCKET_NAME,
            **PRIVATE_BUCKET,
            "LifecycleConfiguration": {
                "Rules": [
                    {
                        "Id": "expire-exports",
                        "Status": "Enabled",
                        "Prefix": "exports/",
                        "ExpirationInDays": EXPORT_RETENTION_DAYS,
                    },
                    {
                        "Id": "expire-import-reports",
                        "Status": "Enabled",
                        "Prefix": "import-results/",
                        "ExpirationInDays": IMPORT_REPORT_RETENTION_DAYS,
                    },
                    {
                        "Id": "abort-uploads",
                        "Status": "Enabled",
                        "AbortIncompleteMultipartUpload": {"DaysAfterInitiation": 1},
                    },
                ]
            },
            # the web client posts uploads straight to the bucket (presigned POST) and reads its progress
            "CorsConfiguration": {
                "CorsRules": [
                    {
                        "AllowedOrigins": [{"Fn::If": ["HasAppUrl", {"Ref": "AppUrl"}, _WEB_URL]}],
                        "AllowedMethods": ["POST", "GET"],
                        "AllowedHeaders": ["*"],
                        "MaxAge": 3000,
                    }
                ]
            },
        },
    }


def _policy() -> list[dict[str, Any]]:
    """One explicit policy (autogen cannot see PynamoDB): the stack's tables, indexes, streams and bucket."""
    tables = [{"Fn::GetAtt": [table_resource_name(t), "Arn"]} for t in TABLES]
    indexes = [{"Fn::Sub": f"${{{table_resource_name(t)}.Arn}}/index/*"} for t in TABLES]
    streamed = [
        {"Fn::GetAtt": [table_resource_name(t), "StreamArn"]} for t, d in TABLES.items() if "StreamSpecification" in d
    ]
    bucket_arn = {"Fn::Sub": "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-data"}
    statements = [
        {
            "Effect": "Allow",
            "Action": ["logs:CreateLogGroup", "logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": "arn:*:logs:*:*:*",
        },
        {
            "Effect": "Allow",
            "Action": [
                "dynamodb:GetItem",
                "dynamodb:PutItem",
                "dynamodb:UpdateItem",
                "dynamodb:DeleteItem",
                "dynamodb:Query",
                "dynamodb:BatchGetItem",
                "dynamodb:BatchWriteItem",
                "dynamodb:ConditionCheckItem",
                "dynamodb:DescribeTable",
            ],
            "Resource": tables + indexes,
        },
        {
            "Effect": "Allow",
            "Action": [
                "dynamodb:DescribeStream",
                "dynamodb:GetRecords",
                "dynamodb:GetShardIterator",
                "dynamodb:ListStreams",
            ],
            "Resource": streamed,
        },
        {
            "Effect": "Allow",
            "Action": ["s3:GetObject", "s3:PutObject", "s3:DeleteObject"],
            "Resource": {"Fn::Sub": "arn:${AWS::Partition}:s3:::${AWS::StackName}-${AWS::AccountId}-data/*"},
        },
        {"Effect": "Allow", "Action": ["s3:ListBucket"], "Resource": bucket_arn},
        {"Effect": "Allow", "Action": ["ses:SendEmail", "ses:SendRawEmail"], "Resource": "*"},
        {"Effect": "Allow", "Action": ["secretsmanager:GetSecretValue"], "Resource": APP_SECRET_ARN},
        {
            "Effect": "Allow",
            "Action": ["sqs:SendMessage"],
            "Resource": [
                {"Fn::GetAtt": ["StreamFailures", "Arn"]},
                {"Fn::GetAtt": ["NotificationsQueue", "Arn"]},
                {"Fn::GetAtt": ["ExportsQueue", "Arn"]},
            ],
        },
        {
            "Effect": "Allow",
            "Action": [
                "sqs:ReceiveMessage",
                "sqs:DeleteMessage",
                "sqs:GetQueueAttributes",
                "sqs:ChangeMessageVisibility",
            ],
            "Resource": [{"Fn::GetAtt": ["NotificationsQueue", "Arn"]}, {"Fn::GetAtt": ["ExportsQueue", "Arn"]}],
        },
    ]
    return [{"PolicyName": "KinerjaAccess", "PolicyDocument": {"Version": "2012-10-17", "Statement": statements}}]


def _error_response(kind: str, status: str, code: str, message: str) -> dict[str, Any]:
    body = refusals.body(code, message)
    return {
        "Type": "AWS::ApiGateway::GatewayResponse",
        "Properties": {
            "RestApiId": {"Ref": "RestAPI"},
            "ResponseType": kind,
            "StatusCode": status,
            "ResponseTemplates": {"application/json": body},
        },
    }


def _dead_letters() -> dict[str, Any]:
    return {"Type": "AWS::SQS::Queue", "Properties": {"MessageRetentionPeriod": 1209600, "SqsManagedSseEnabled": True}}


def _queue(dead_letters: str, *, visibility: int, receives: int) -> dict[str, Any]:
    """A queue whose messages go to ``dead_letters`` after ``receives`` failed receives."""
    return {
        "Type": "AWS::SQS::Queue",
        "Properties": {
            "VisibilityTimeout": visibility,
            "SqsManagedSseEnabled": True,
            "RedrivePolicy": {
                "deadLetterTargetArn": {"Fn::GetAtt": [dead_letters, "Arn"]},
                "maxReceiveCount": receives,
            },
        },
    }


def _rate_limits() -> dict[str, Any]:
    """Stage throttling for every route, and a per-source-address limit on sign-in (WAF rate-based rule).

    The per-account lock stops guessing one password; this stops one address spraying many accounts.
    An office behind one NAT address signs in well under 100 times a minute.
    """
    login_path = {
        "ByteMatchStatement": {
            "FieldToMatch": {"UriPath": {}},
            "PositionalConstraint": "ENDS_WITH",
            "SearchString": "/auth/login",
            "TextTransformations": [{"Priority": 0, "Type": "LOWERCASE"}],
        }
    }
    visibility = {"SampledRequestsEnabled": True, "CloudWatchMetricsEnabled": True}
    return {
        "RestAPI": {
            "Properties": {
                "MethodSettings": [
                    {"ResourcePath": "/*", "HttpMethod": "*", "ThrottlingRateLimit": 500, "ThrottlingBurstLimit": 1000},
                    {
                        "ResourcePath": "/~1auth~1login",
                        "HttpMethod": "POST",
                        "ThrottlingRateLimit": SIGN_IN_RATE_PER_SECOND,
                        "ThrottlingBurstLimit": SIGN_IN_RATE_PER_SECOND * 2,
                    },
                ]
            }
        },
        "ApiFirewall": {
            "Type": "AWS::WAFv2::WebACL",
            "Properties": {
                "Scope": "REGIONAL",
                "DefaultAction": {"Allow": {}},
                "VisibilityConfig": {**visibility, "MetricName": "kinerja-api"},
                "Rules": [
                    {
                        "Name": "sign-in-per-address",
                        "Priority": 0,
                        "Action": {"Block": {}},
                        "Statement": {
                            "RateBasedStatement": {
                                "Limit": SIGN_IN_LIMIT_PER_ADDRESS,
                                "EvaluationWindowSec": 60,
                                "AggregateKeyType": "IP",
                                "ScopeDownStatement": login_path,
                            }
                        },
                        "VisibilityConfig": {**visibility, "MetricName": "sign-in-per-address"},
                    }
                ],
            },
        },
        "ApiFirewallAssociation": {
            "Type": "AWS::WAFv2::WebACLAssociation",
            "DependsOn": "RestAPIapiStage",
            "Properties": {
                "ResourceArn": {"Fn::Sub": "arn:aws:apigateway:${AWS::Region}::/restapis/${RestAPI}/stages/api"},
                "WebACLArn": {"Fn::GetAtt": ["ApiFirewall", "Arn"]},
            },
        },
    }


def _web() -> dict[str, Any]:
    """The web client: a private bucket served only through CloudFront (origin access control), HTTPS,
    compressed, client-side routes answered with index.html, and no caching of index.html/config.json."""
    distribution = {"Fn::Sub": "arn:aws:cloudfront::${AWS::AccountId}:distribution/${WebDistribution}"}
    no_cache = "4135ea2d-6df8-44a3-9df3-4b5a84be39ad"  # AWS managed policy CachingDisabled
    optimized = "658327ea-f89d-4fab-a63d-7e88639e58f6"  # AWS managed policy CachingOptimized
    return {
        "WebBucket": {
            "Type": "AWS::S3::Bucket",
            "Properties": PRIVATE_BUCKET,
        },
        "WebOriginAccess": {
            "Type": "AWS::CloudFront::OriginAccessControl",
            "Properties": {
                "OriginAccessControlConfig": {
                    "Name": {"Fn::Sub": "${AWS::StackName}-web"},
                    "OriginAccessControlOriginType": "s3",
                    "SigningBehavior": "always",
                    "SigningProtocol": "sigv4",
                }
            },
        },
        "WebDistribution": {
            "Type": "AWS::CloudFront::Distribution",
            "Properties": {
                "DistributionConfig": {
                    "Enabled": True,
                    "HttpVersion": "http2and3",
                    "DefaultRootObject": "index.html",
                    "Origins": [
                        {
                            "Id": "web",
                            "DomainName": {"Fn::GetAtt": ["WebBucket", "RegionalDomainName"]},
                            "S3OriginConfig": {"OriginAccessIdentity": ""},
                            "OriginAccessControlId": {"Fn::GetAtt": ["WebOriginAccess", "Id"]},
                        }
                    ],
                    "DefaultCacheBehavior": {
                        "TargetOriginId": "web",
                        "ViewerProtocolPolicy": "redirect-to-https",
                        "Compress": True,
                        "CachePolicyId": optimized,
                    },
                    "CacheBehaviors": [
                        {
                            "PathPattern": path,
                            "TargetOriginId": "web",
                            "ViewerProtocolPolicy": "redirect-to-https",
                            "Compress": True,
                            "CachePolicyId": no_cache,
                        }
                        for path in ("/index.html", "/config.json", "/sw.js")
                    ],
                    "CustomErrorResponses": [
                        {"ErrorCode": code, "ResponseCode": 200, "ResponsePagePath": "/index.html"}
                        for code in (403, 404)
                    ],
                }
            },
        },
        "WebBucketPolicy": {
            "Type": "AWS::S3::BucketPolicy",
            "Properties": {
                "Bucket": {"Ref": "WebBucket"},
                "PolicyDocument": {
                    "Version": "2012-10-17",
                    "Statement": [
                        {
                            "Effect": "Allow",
                            "Principal": {"Service": "cloudfront.amazonaws.com"},
                            "Action": "s3:GetObject",
                            "Resource": {"Fn::Sub": "${WebBucket.Arn}/*"},
                            "Condition": {"StringEquals": {"AWS:SourceArn": distribution}},
                        }
                    ],
                },
            },
        },
    }


def function_names(app: Chalice) -> list[str]:
    """Chalice's names of every Lambda the app packages (API handler, authorizers, event handlers)."""
    names = ["api_handler"] if app.routes else []
    names += sorted(
        {route.authorizer.name for paths in app.routes.values() for route in paths.values() if route.authorizer}
    )
    names += [f.name for f in app.pure_lambda_functions]
    names += [s.name for s in app.event_sources]
    return names


def merge_template(app: Chalice) -> dict[str, Any]:
    """Everything `chalice package --merge-template` should add to or change in Chalice's SAM template."""
    resources: dict[str, Any] = {table_resource_name(t): _table(t, d) for t, d in TABLES.items()}
    resources["DataBucket"] = _bucket()
    resources["StreamFailures"] = _dead_letters()
    resources["NotificationsFailures"] = _dead_letters()
    resources["NotificationsQueue"] = _queue("NotificationsFailures", visibility=180, receives=5)
    resources["ExportsFailures"] = _dead_letters()
    resources["ExportsQueue"] = _queue("ExportsFailures", visibility=960, receives=3)
    for name in function_names(app):
        resources[to_cfn_resource_name(name) + "Role"] = {"Properties": {"Policies": _policy()}}
    for source in app.event_sources:
        if isinstance(source, DynamoDBEventConfig):
            table = table_resource_name(table_of_placeholder(source.stream_arn))
            event_name = to_cfn_resource_name(f"{source.name}-dynamodb-event-source")
            resources[to_cfn_resource_name(source.name)] = {
                "Properties": {
                    "Events": {
                        event_name: {
                            "Properties": {
                                "Stream": {"Fn::GetAtt": [table, "StreamArn"]},
                                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                                "BisectBatchOnFunctionError": True,
                                "MaximumRetryAttempts": STREAM_MAX_RETRIES,
                                "MaximumRecordAgeInSeconds": STREAM_MAX_RECORD_AGE_SECONDS,
                                "DestinationConfig": {
                                    "OnFailure": {"Destination": {"Fn::GetAtt": ["StreamFailures", "Arn"]}}
                                },
                            }
                        }
                    }
                }
            }
    for source in app.event_sources:
        if isinstance(source, SQSEventConfig):
            event_name = to_cfn_resource_name(f"{source.name}-sqs-event-source")
            queue = to_cfn_resource_name(source.queue_arn.rsplit(":", 1)[-1]) + "Queue"
            resources[to_cfn_resource_name(source.name)] = {
                "Properties": {
                    "Events": {
                        event_name: {
                            "Properties": {
                                "Queue": {"Fn::GetAtt": [queue, "Arn"]},
                                "FunctionResponseTypes": ["ReportBatchItemFailures"],
                            }
                        }
                    }
                }
            }
    resources["RosterImport"] = {
        "Properties": {
            "Events": {
                "RosterDropped": {
                    "Type": "S3",
                    "Properties": {
                        "Bucket": {"Ref": "DataBucket"},
                        "Events": "s3:ObjectCreated:*",
                        "Filter": {"S3Key": {"Rules": [{"Name": "prefix", "Value": "imports/"}]}},
                    },
                }
            }
        }
    }
    resources.update(_rate_limits())
    resources.update(_web())
    for kind, (status, code, message) in refusals.GATEWAY.items():
        resources[to_cfn_resource_name(kind.lower()) + "Response"] = _error_response(kind, str(status), code, message)
    return {
        "Conditions": {"HasAppUrl": {"Fn::Not": [{"Fn::Equals": [{"Ref": "AppUrl"}, ""]}]}},
        "Parameters": {
            "AppSecretName": {
                "Type": "String",
                "Default": "kinerja/app-secret",
                "Description": "Secrets Manager secret (32+ random chars), read at run time: signs tokens, seals "
                "temporary passwords. Rotate with put-secret-value; the previous version keeps verifying.",
            },
            "WhatsAppProvider": {
                "Type": "String",
                "Default": "fonnte",
                "AllowedValues": ["fonnte", "cloud", "outbox"],
                "Description": "outbox only sends nothing and records messages (secrets masked) for GET /admin/outbox",
            },
            "SesSender": {"Type": "String", "Default": "no-reply@example.go.id"},
            "AppUrl": {
                "Type": "String",
                "Default": "",
                "Description": "the web client's own domain, if it has one (default: its CloudFront address)",
            },
        },
        "Globals": {
            "Function": {
                "Environment": {
                    "Variables": {
                        "TABLE_PREFIX": {"Fn::Sub": "${AWS::StackName}-"},
                        "BUCKET_NAME": BUCKET_NAME,
                        "KINERJA_SECRET_ID": {"Ref": "AppSecretName"},
                        "WHATSAPP_PROVIDER": {"Ref": "WhatsAppProvider"},
                        "SES_SENDER": {"Ref": "SesSender"},
                        "APP_URL": {"Fn::If": ["HasAppUrl", {"Ref": "AppUrl"}, _WEB_URL]},
                        "API_URL": {"Fn::Sub": "https://${RestAPI}.execute-api.${AWS::Region}.${AWS::URLSuffix}/api"},
                        "WEB_ORIGIN": {"Fn::If": ["HasAppUrl", {"Ref": "AppUrl"}, _WEB_URL]},
                        "NOTIFICATIONS_QUEUE_URL": {"Ref": "NotificationsQueue"},
                        "EXPORTS_QUEUE_URL": {"Ref": "ExportsQueue"},
                    }
                }
            }
        },
        "Resources": resources,
        "Outputs": {
            "DataBucketName": {"Value": {"Ref": "DataBucket"}},
            "WebBucketName": {"Value": {"Ref": "WebBucket"}},
            "WebUrl": {"Value": _WEB_URL},
            "WebDistributionId": {"Value": {"Ref": "WebDistribution"}},
            "StreamFailuresQueue": {"Value": {"Ref": "StreamFailures"}},
        },
    }
