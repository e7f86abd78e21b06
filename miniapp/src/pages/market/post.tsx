import '../field-reports/reports.css';
import '../jobs/jobs.css';
import './market.css';
import { useRef, useState } from 'react';
import { useRecoilValue } from 'recoil';
import { Button, useNavigate } from 'zmp-ui';
import { Field, inputClass } from '../../components/field';
import { SignInGate } from '../../components/sign-in-gate';
import { useT } from '../../i18n/use-t';
import { fieldErrors, parseVnd } from '../../services/forms';
import { marketClient } from '../../services/market/client';
import { type ListingKind, PRODUCT_GROUPS, type ProductGroup } from '../../services/market/types';
import { showToast } from '../../services/zalo';
import { sessionState } from '../../state/session';
import { ReportPage } from '../field-reports/components/report-page';
import { useCommunes } from '../jobs/components/communes';

const UNITS = ['kg', 'tấn', 'tạ', 'trái', 'con', 'hộp', 'chai', 'bó'];

function newKey() {
  return `mk${crypto.randomUUID().replace(/-/g, '')}`.slice(0, 40);
}

/** Posting a listing (needs Zalo): the form, then its photos with the upload's progress. */
export default function PostPage() {
  const t = useT();
  return (
    <ReportPage title={t('market.post')} parent="/agri-market">
      <SignInGate title={t('market.signIn.post')} reason={t('market.signIn.postReason')}>
        <PostForm />
      </SignInGate>
    </ReportPage>
  );
}

type FieldErrors = Record<string, string>;

function PostForm() {
  const t = useT();
  const navigate = useNavigate();
  const communes = useCommunes();
  const session = useRecoilValue(sessionState).session;
  const requestKey = useRef(newKey());
  const [kind, setKind] = useState<ListingKind>('sell');
  const [group, setGroup] = useState<ProductGroup>('fruit');
  const [product, setProduct] = useState('');
  const [quantity, setQuantity] = useState('');
  const [unit, setUnit] = useState('kg');
  const [price, setPrice] = useState('');
  const [ocop, setOcop] = useState('');
  const [communeId, setCommuneId] = useState('');
  const [address, setAddress] = useState('');
  const [description, setDescription] = useState('');
  const [contactName, setContactName] = useState(session?.user.displayName ?? '');
  const [contactPhone, setContactPhone] = useState('');
  const [zaloChat, setZaloChat] = useState(true);
  const [files, setFiles] = useState<File[]>([]);
  const photoInput = useRef<HTMLInputElement>(null);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [problem, setProblem] = useState('');
  const [busy, setBusy] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);

  const submit = async () => {
    const local: FieldErrors = {};
    const q = Number(quantity.replace(',', '.'));
    if (!(q > 0)) local.quantity = t('market.form.badQuantity');
    const priceVnd = parseVnd(price);
    if (priceVnd === 'invalid') local.priceVnd = t('market.form.badPrice');
    setErrors(local);
    setProblem('');
    if (priceVnd === 'invalid' || Object.keys(local).length > 0) return;
    setBusy(true);
    const result = await marketClient.post({
      requestKey: requestKey.current,
      kind,
      productGroup: group,
      product,
      description,
      quantity: q,
      unit,
      priceVnd,
      communeId,
      address,
      ocopStars: ocop ? (Number(ocop) as 3 | 4 | 5) : null,
      contactName,
      contactPhone,
      zaloChat,
    });
    if (!result.ok) {
      setBusy(false);
      setErrors(fieldErrors(result.error));
      setProblem(result.error.message);
      return;
    }
    const listing = result.data;
    for (const file of files) {
      setProgress(0);
      const up = await marketClient.uploadPhoto(listing.id, file, (p) =>
        setProgress(Math.round((p.sent / Math.max(1, p.total)) * 100)),
      );
      if (!up.ok) {
        void showToast(t('market.form.photoFailed', { message: up.message }));
        break;
      }
    }
    setProgress(null);
    setBusy(false);
    void showToast(t('market.form.posted'));
    navigate(`/agri-market/l/${listing.id}`, { replace: true });
  };

  // A field the citizen corrects loses its error (and the summary) at once, not at the next
  // "Đăng tin".
  const edited =
    (name: string, set: (value: string) => void) => (e: { target: { value: string } }) => {
      set(e.target.value);
      setProblem('');
      setErrors((current) => {
        if (!current[name]) return current;
        const { [name]: _corrected, ...rest } = current;
        return rest;
      });
    };

  return (
    <form
      className="mk-form"
      data-testid="market-post-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <fieldset className="mk-segment">
        <legend className="rp-field__label">{t('market.form.kind')}</legend>
        {(['sell', 'buy'] as const).map((k) => (
          <label key={k} className={kind === k ? 'mk-segment__on' : undefined}>
            <input
              type="radio"
              name="kind"
              value={k}
              checked={kind === k}
              onChange={() => setKind(k)}
              data-testid={`market-post-kind-${k}`}
            />
            {t(`market.kind.${k}`)}
          </label>
        ))}
      </fieldset>
      <Field label={t('market.form.group')}>
        <select
          className="rp-input"
          value={group}
          onChange={(e) => setGroup(e.target.value as ProductGroup)}
          data-testid="market-post-group"
        >
          {PRODUCT_GROUPS.map((g) => (
            <option key={g} value={g}>
              {t(`market.group.${g}`)}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('market.form.product')} error={errors.product}>
        <input
          className={inputClass(errors.product)}
          value={product}
          placeholder={t('market.form.productHint')}
          onChange={edited('product', setProduct)}
          data-testid="market-post-product"
        />
      </Field>
      <div className="jobs-row">
        <Field label={t('market.form.quantity')} error={errors.quantity}>
          <input
            className={inputClass(errors.quantity)}
            inputMode="decimal"
            value={quantity}
            onChange={edited('quantity', setQuantity)}
            data-testid="market-post-quantity"
          />
        </Field>
        <Field label={t('market.form.unit')} error={errors.unit}>
          <input
            className={inputClass(errors.unit)}
            list="market-units"
            value={unit}
            onChange={edited('unit', setUnit)}
            data-testid="market-post-unit"
          />
          <datalist id="market-units">
            {UNITS.map((u) => (
              <option key={u} value={u} />
            ))}
          </datalist>
        </Field>
      </div>
      <Field label={t('market.form.price')} error={errors.priceVnd}>
        <input
          className={inputClass(errors.priceVnd)}
          inputMode="numeric"
          value={price}
          placeholder={t('market.form.priceHint')}
          onChange={edited('priceVnd', setPrice)}
          data-testid="market-post-price"
        />
      </Field>
      <Field label={t('market.form.ocop')} error={errors.ocopStars}>
        <select
          className={inputClass(errors.ocopStars)}
          value={ocop}
          onChange={edited('ocopStars', setOcop)}
          data-testid="market-post-ocop"
        >
          <option value="">{t('market.form.noOcop')}</option>
          {[3, 4, 5].map((s) => (
            <option key={s} value={s}>
              OCOP {t('market.form.stars', { stars: s })}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('market.form.commune')} error={errors.communeId}>
        <select
          className={inputClass(errors.communeId)}
          value={communeId}
          onChange={edited('communeId', setCommuneId)}
          data-testid="market-post-commune"
        >
          <option value="">{t('market.form.chooseCommune')}</option>
          {communes.map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </Field>
      <Field label={t('market.form.address')} error={errors.address}>
        <input
          className={inputClass(errors.address)}
          value={address}
          onChange={edited('address', setAddress)}
          data-testid="market-post-address"
        />
      </Field>
      <Field label={t('market.form.description')} error={errors.description}>
        <textarea
          className={inputClass(errors.description)}
          rows={3}
          value={description}
          onChange={edited('description', setDescription)}
          data-testid="market-post-description"
        />
      </Field>
      <div className="rp-field">
        <span className="rp-field__label">{t('market.form.photo')}</span>
        {/* The browser's own file button speaks the phone's language, not the app's. */}
        <div className="mk-photo-pick">
          <Button
            size="small"
            variant="secondary"
            htmlType="button"
            onClick={() => photoInput.current?.click()}
            data-testid="market-post-photo-pick"
          >
            {t('market.form.photoPick')}
          </Button>
          <span className="mk-muted">
            {files.length > 0 ? t('market.form.photoChosen', { count: files.length }) : null}
          </span>
        </div>
        <input
          ref={photoInput}
          type="file"
          accept="image/jpeg,image/png,image/webp,image/heic"
          multiple
          hidden
          onChange={(e) => setFiles(Array.from(e.target.files ?? []).slice(0, 6))}
          data-testid="market-post-photo"
        />
        <span className="mk-muted">{t('market.form.photoHint')}</span>
      </div>
      <Field label={t('market.form.contactName')} error={errors.contactName}>
        <input
          className={inputClass(errors.contactName)}
          value={contactName}
          onChange={edited('contactName', setContactName)}
          data-testid="market-post-contactName"
        />
      </Field>
      <Field label={t('market.form.contactPhone')} error={errors.contactPhone}>
        <input
          className={inputClass(errors.contactPhone)}
          type="tel"
          value={contactPhone}
          onChange={edited('contactPhone', setContactPhone)}
          data-testid="market-post-contactPhone"
        />
        <span className="mk-notice">{t('market.form.phonePublic')}</span>
      </Field>
      <label className="mk-check">
        <input type="checkbox" checked={zaloChat} onChange={(e) => setZaloChat(e.target.checked)} />
        {t('market.form.zaloChat')}
      </label>
      {problem ? (
        <p className="rp-error" role="alert" data-testid="market-post-problem">
          {problem}
        </p>
      ) : null}
      {progress !== null ? (
        <div className="mk-progress" role="progressbar" aria-valuenow={progress}>
          <span style={{ width: `${progress}%` }} />
          <em>{t('market.form.uploading', { percent: progress })}</em>
        </div>
      ) : null}
      <Button htmlType="submit" fullWidth loading={busy} data-testid="market-post-submit">
        {busy ? t('market.form.sending') : t('market.form.submit')}
      </Button>
    </form>
  );
}
