/**
 * The floor of a cold start (bench/functions.ts): Hono and the DynamoDB client, built exactly as
 * the functions are, doing nothing else. The applicant-facing function's initialisation is
 * compared with this one's, measured in the same run (target: within 1.5×).
 */
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { Hono } from 'hono';
import { handle } from 'hono/aws-lambda';

const client = new DynamoDBClient({ maxAttempts: 3 });

export const handler = handle(new Hono().get('/', async (c) => c.json({ region: await client.config.region() })));
