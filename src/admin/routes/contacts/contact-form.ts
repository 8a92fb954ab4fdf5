import type { ContactInput } from '../../../domain/contact.ts';

/** The contact form's fields as the domain's ContactInput. */
export function contactFromForm(form: FormData): ContactInput {
  const text = (name: string) => String(form.get(name) ?? '').trim();
  const products = form.getAll('products').map(String);
  return {
    municipality: text('municipality'),
    name: text('name'),
    email: text('email'),
    role: text('role'),
    language: text('language') === 'en' ? 'en' : 'nl',
    products: text('all_products') === 'on' || products.length === 0 ? 'all' : products,
    active: text('active') === 'on',
  };
}
