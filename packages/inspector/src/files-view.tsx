import { adminApi } from './admin-api.js'
import type { StoredFile } from './admin-types.js'
import { dateTime, formatBytes } from './format.js'
import { usePolledAnswer } from './use-polled-answer.js'

const LIMIT = 200

/** Every service's stored files, newest first: images previewed, each with what it belongs to. */
export function FilesView({ generation }: { generation: number }) {
  const { answer, problem } = usePolledAnswer(() => adminApi.files(LIMIT), 3000, [generation])
  return (
    <section class="page" aria-label="Files">
      <header class="page-head">
        <h2>Stored files</h2>
        {answer !== undefined && (
          <p class="meta">
            {answer.total === 0
              ? 'None yet.'
              : answer.total > answer.files.length
                ? `The newest ${answer.files.length} of ${answer.total}.`
                : `${answer.total} in all, newest first.`}{' '}
            SharpSpring's uploads (/uploadFiles, /uploadProductImage) and the S3 emulator's objects
            (OnePageCRM's attachments, photos and logos).
          </p>
        )}
      </header>
      {problem !== undefined && (
        <p class="error" role="alert">
          {problem}
        </p>
      )}
      <ul class="file-grid">
        {answer?.files.map((file) => (
          <FileCard key={`${file.service}/${file.id}`} file={file} />
        ))}
      </ul>
    </section>
  )
}

function FileCard({ file }: { file: StoredFile }) {
  const extension = /\.([A-Za-z0-9]{1,5})$/.exec(file.name)?.[1]?.toUpperCase() ?? 'FILE'
  return (
    <li class="file-card" data-service={file.service} data-name={file.name}>
      <a
        class="preview"
        href={file.url}
        target="_blank"
        rel="noopener noreferrer"
        title={`Open ${file.name}`}
      >
        {file.image ? (
          <img src={file.url} alt={file.name} loading="lazy" />
        ) : (
          <span class="extension">{extension}</span>
        )}
      </a>
      <div class="file-meta">
        <strong class="file-name" title={file.name}>
          {file.name}
        </strong>
        <span>
          <span class={`service service-${file.service}`}>{file.service}</span> {formatBytes(file.size)} ·{' '}
          <span
            class="file-type"
            title={file.preview === undefined ? undefined : `previewed as ${file.preview}`}
          >
            {file.contentType}
          </span>
        </span>
        <span class="meta">{dateTime(file.created)}</span>
        <span class="belongs" title={file.belongsTo ?? 'No record points at it'}>
          {file.belongsTo ?? 'not attached to any record'}
        </span>
        <a class="download" href={`${file.url}?download=1`} download={file.name}>
          Download
        </a>
      </div>
    </li>
  )
}
