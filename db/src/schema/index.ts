export * from './admin-units';
export * from './agencies';
export * from './categories';
export * from './ops';
export * from './people';
export * from './reports';
