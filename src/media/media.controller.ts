import { Controller, Get, Header, Param, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { create as contentDisposition } from 'content-disposition';
import { MediaService } from './media.service';

@ApiTags('inbound')
@ApiBearerAuth()
@Controller('inbound-messages')
export class MediaController {
  constructor(private readonly media: MediaService) {}

  @Get(':id/media')
  // The bytes come from a customer: never sniffed into something a browser would run.
  @Header('X-Content-Type-Options', 'nosniff')
  @Header('Content-Security-Policy', "default-src 'none'; sandbox")
  @ApiOperation({ summary: "The file of an inbound media message, as downloaded from the vendor's link (an attachment)" })
  @ApiOkResponse({ description: 'The file, with its content type' })
  @ApiNotFoundResponse({ description: 'No such media message, or its file is not stored (failed, or no API password for its account)' })
  @ApiConflictResponse({ description: 'The file is still being downloaded' })
  async file(@Param('id') id: string): Promise<StreamableFile> {
    const file = await this.media.file(id);
    return new StreamableFile(file.stream, { type: file.contentType, length: file.bytes, disposition: contentDisposition(file.filename) });
  }
}
