import { Controller, Get, Module } from '@nestjs/common';
import { API_TOKEN, startTestApp, type TestApp } from './support/test-app';

/** A route that fails the way a bug would, to see what the caller and the logs get. */
@Controller('test-broken')
class BrokenController {
  @Get()
  explode(): never {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [BrokenController] })
class BrokenModule {}

describe('unexpected errors', () => {
  let testApp: TestApp;

  beforeAll(async () => {
    testApp = await startTestApp({ extraModules: [BrokenModule] });
  });

  afterAll(async () => {
    await testApp.close();
  });

  it('answers an unexpected error with a bare 500 and the request id, logging the error under that id', async () => {
    const response = await testApp.http().get('/test-broken').set('Authorization', `Bearer ${API_TOKEN}`).set('X-Request-Id', 'trace-me-42').expect(500);
    expect(response.body).toEqual({
      statusCode: 500,
      code: 'internal_error',
      error: 'Internal Server Error',
      message: 'Internal server error',
      requestId: 'trace-me-42',
    });
    expect(JSON.stringify(response.body)).not.toContain('hunter2');
    expect(testApp.logs.some((line) => line.includes('trace-me-42') && line.includes('Unexpected error'))).toBe(true);
  });
});
